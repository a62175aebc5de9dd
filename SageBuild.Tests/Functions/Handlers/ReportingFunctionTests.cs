using SageBuild.Functions.Handlers;
using SageBuild.Functions.Handlers.Core;
using SageBuild.StateMachines.Json;

namespace SageBuild.Tests.Functions.Handlers;

/// <summary>Notifications, ledger records and retention, from the pipeline state Step Functions hands them.</summary>
public sealed class ReportingFunctionTests
{
    private const string State = """
        {
          "pipeline": {"stack": "prod", "endpointName": "sagebuild-prod-endpoint"},
          "trigger": {"request": {"source": "git", "commit": "4f2a9c1e5b7d0011", "detail": "push to master"}},
          "build": {"id": "42"},
          "settings": {"config": {"train": true}},
          "plan": {"trainingImage": {"uri": "acct.dkr.ecr.us-east-1.amazonaws.com/train:Training_v42"}},
          "trained": {"job": {"TrainingJobName": "sagebuild-prod-42-train", "ModelArtifacts": {"S3ModelArtifacts": "s3://art/m.tar.gz"},
                              "FinalMetricDataList": [{"MetricName": "validation:auc", "Value": 0.93}]}},
          "gate": {"passed": true, "metric": "validation:auc", "candidate": 0.93, "reason": "validation:auc = 0.93 beats production (0.91) by 0.02"},
          "modelPlan": {"modelName": "sagebuild-prod-42-model", "inferenceImage": {"uri": "acct.dkr.ecr.us-east-1.amazonaws.com/serve:Inference_v42"}},
          "endpointPlan": {"endpointConfigName": "sagebuild-prod-42-config"}
        }
        """;

    private static JsonObject Invoke(FunctionHandler handler, string key, string value, string state = State) =>
        (JsonObject)handler.Handle(JsonValue.Parse($$"""{"{{key}}": "{{value}}", "time": "2026-11-25T11:00:00Z", "startedAt": "2026-11-25T10:00:00Z", "executionArn": "arn:aws:states:us-east-1:1:execution:p:e", "state": {{state}}}"""));

    [Test]
    public void A_deploy_notification_has_a_readable_subject_and_structured_JSON()
    {
        var n = Invoke(new NotificationFunction(), "kind", "deployed");
        var message = (JsonObject)JsonValue.Parse(((JsonString)n["message"]).Value);

        Assert.That(n["subject"], Is.EqualTo((JsonValue)"SageBuild prod: build 42 deployed (validation:auc 0.93)"));
        Assert.That(message["status"], Is.EqualTo((JsonValue)"DEPLOYED"));
        Assert.That(message["build"], Is.EqualTo((JsonValue)42));
        Assert.That(((JsonObject)message["metrics"])["validation:auc"], Is.EqualTo((JsonValue)0.93));
        Assert.That(((JsonString)message["summary"]).Value, Does.Contain("is live on sagebuild-prod-endpoint").And.Contain("beats production"));
    }

    [Test]
    public void A_failure_notification_names_the_failing_state_and_the_lambdas_own_message()
    {
        var failed = State.TrimEnd().TrimEnd('}') + """, "failed": {"TrainingConfig": {"Error": "ImageNotFoundException", "Cause": "{\"errorMessage\":\"'mars-1' is not a commercial AWS region\",\"errorType\":\"ImageNotFoundException\"}"}}}""";
        var n = Invoke(new NotificationFunction(), "kind", "failed", failed);

        Assert.That(n["subject"], Is.EqualTo((JsonValue)"SageBuild prod: build 42 failed at TrainingConfig"));
        Assert.That(n["summary"], Is.EqualTo((JsonValue)"Build 42 failed at TrainingConfig: ImageNotFoundException: 'mars-1' is not a commercial AWS region"));
    }

    [Test]
    public void Subjects_follow_SNSs_rules() =>
        Assert.That(NotificationFunction.Subject("Build ✓ " + new string('x', 200)), Has.Length.EqualTo(100).And.StartWith("Build ? x").And.EndWith("..."));

    [Test]
    public void A_deployed_record_is_the_model_registry_entry_and_the_new_production_item()
    {
        var r = Invoke(new LedgerRecordFunction(), "status", "DEPLOYED");
        var item = (JsonObject)r["item"];
        var production = (JsonObject)r["production"];

        Assert.That(item.Keys, Is.EqualTo(LedgerRecordFunction.BuildAttributes));
        Assert.That(item["pk"].ToJson(), Is.EqualTo("""{"S":"build#42"}"""));
        Assert.That(item["commit"].ToJson(), Is.EqualTo("""{"S":"4f2a9c1e5b7d0011"}"""));
        Assert.That(item["metrics"].ToJson(), Is.EqualTo("""{"M":{"validation:auc":{"N":"0.93"}}}"""));
        Assert.That(item["trainingImage"].ToJson(), Does.Contain("Training_v42"));
        Assert.That(item["deployedAt"].ToJson(), Is.EqualTo("""{"S":"2026-11-25T11:00:00Z"}"""));
        Assert.That(item["configuration"].ToJson(), Is.EqualTo("""{"S":"{\"train\":true}"}"""));
        Assert.That(production.Keys, Is.EqualTo(LedgerRecordFunction.ProductionAttributes));
        Assert.That(production["metricValue"].ToJson(), Is.EqualTo("""{"N":"0.93"}"""));
    }

    [Test]
    public void A_running_record_has_no_end_and_no_production_item()
    {
        var r = Invoke(new LedgerRecordFunction(), "status", "RUNNING");
        Assert.That(((JsonObject)r["item"])["endedAt"].ToJson(), Is.EqualTo("""{"NULL":true}"""));
        Assert.That(r["production"], Is.EqualTo(JsonValue.Null));
    }

    [Test]
    public void Retention_deletes_each_old_model_and_config_once_and_never_the_live_ones()
    {
        static JsonObject Entry(int build, bool modelDeleted = false) => (JsonObject)JsonValue.Parse($$"""
            {"M": {"build": {"N": "{{build}}"}, "model": {"S": "m{{build}}"}, "endpointConfig": {"S": "c{{build}}"}, "modelDeleted": {"BOOL": {{(modelDeleted ? "true" : "false")}}}, "endpointConfigDeleted": {"BOOL": false} } }
            """);
        var history = JsonArray.Create(Entry(4), Entry(3), Entry(2), Entry(1, modelDeleted: true));
        var input = JsonObject.Create(
            ("deployments", JsonObject.Create(("Item", JsonObject.Create(("history", JsonObject.Create(("L", history))))))),
            ("current", JsonObject.Create(("build", "5"), ("model", "m5"), ("endpointConfig", "c5"))),
            ("retention", JsonObject.Create(("models", 2), ("endpointConfigs", 3))));

        var result = (JsonObject)new RetentionFunction().Handle(input);

        Assert.That(result["deleteModels"].ToJson(), Is.EqualTo("""["m3","m2"]"""));
        Assert.That(result["deleteEndpointConfigs"].ToJson(), Is.EqualTo("""["c2","c1"]"""));
        var kept = ((JsonArray)((JsonObject)((JsonObject)result["item"])["history"])["L"]).Select(e => ((JsonObject)((JsonObject)((JsonObject)e)["M"])["build"])["N"].ToJson());
        Assert.That(kept, Is.EqualTo(new[] { "\"5\"", "\"4\"", "\"3\"" }), "build 2 and 1 have nothing left to delete, so they are forgotten");
    }
}
