using SageBuild.Engine.History;
using SageBuild.Engine.Stores;
using SageBuild.Functions.Configuration;
using SageBuild.StateMachines.Json;

namespace SageBuild.Tests.Functions.Pipeline;

/// <summary>The pipeline's paths, each run end to end on the embedded engine with mocked AWS services.</summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public sealed class PipelineAcceptanceTests
{
    [Test]
    public async Task Happy_path_trains_passes_the_gate_creates_the_endpoint_and_records_the_deploy()
    {
        using var f = new PipelineFixture();
        f.Configure(PipelineConfigurations.Byod);
        var (result, history) = await f.RunAsync("HappyPath", input: """{"source": "git", "commit": "4f2a9c1e5b7d", "branch": "dev", "detail": "push to dev"}""");

        Assert.That(result.Status, Is.EqualTo(ExecutionStatus.SUCCEEDED), Failure(history));
        var notes = f.Notifications();
        Assert.That(notes.Select(n => n.Subject), Is.EqualTo(new[] { "SageBuild dev: build 1 started", "SageBuild dev: build 1 deployed (validation:auc 0.91)" }));
        Assert.That(notes[1].Message["status"], Is.EqualTo((JsonValue)"DEPLOYED"));
        Assert.That(notes[1].Message["commit"], Is.EqualTo((JsonValue)"4f2a9c1e5b7d"));
        Assert.That(f.Attribute("build#1", "status"), Is.EqualTo("DEPLOYED"));
        Assert.That(f.Attribute("build#1", "trainingJob"), Is.EqualTo("sagebuild-dev-1-train"));
        Assert.That(f.Attribute("build#1", "model"), Is.EqualTo("sagebuild-dev-1-model"));
        Assert.That(f.Attribute("build#1", "endpointConfig"), Is.EqualTo("sagebuild-dev-1-config"));
        Assert.That(f.Attribute("build#1", "inferenceImage"), Does.EndWith("sagebuild-dev-inference:Inference_v1"));
        Assert.That(f.Attribute("production", "metricValue"), Is.EqualTo("0.91"));
        Assert.That(f.Attribute("lock", "holder"), Is.Null, "the build lock is released at the end");
        Assert.That(Scheduled(history, "Train"), Does.Contain("\"TrainingJobName\":\"sagebuild-dev-1-train\""));
    }

    [Test]
    public async Task A_failed_training_fails_the_build_and_says_where_and_why()
    {
        using var f = new PipelineFixture();
        f.Configure(PipelineConfigurations.Byod);
        var (result, history) = await f.RunAsync("FailedTraining");

        Assert.That(result.Status, Is.EqualTo(ExecutionStatus.FAILED), Failure(history));
        var failed = Last(f.Notifications());
        Assert.That(failed.Subject, Is.EqualTo("SageBuild dev: build 1 failed at Train"));
        Assert.That(((JsonString)((JsonObject)failed.Message["failure"])["cause"]).Value, Does.Contain("AlgorithmError"));
        Assert.That(f.Attribute("build#1", "status"), Is.EqualTo("FAILED"));
        Assert.That(f.Attribute("lock", "holder"), Is.Null);
    }

    [Test]
    public async Task A_candidate_worse_than_production_is_rejected_with_the_margin_and_nothing_is_deployed()
    {
        using var f = new PipelineFixture();
        f.Configure(PipelineConfigurations.Byod);
        f.Ledger.PutItem((JsonObject)JsonValue.Parse("""
            {"TableName": "sagebuild-dev-ledger", "Item": {"pk": {"S": "production"}, "buildNumber": {"N": "7"}, "metricName": {"S": "validation:auc"}, "metricValue": {"N": "0.95"}}}
            """));
        var (result, history) = await f.RunAsync("GateRejection");

        Assert.That(result.Status, Is.EqualTo(ExecutionStatus.SUCCEEDED), Failure(history));
        var rejected = Last(f.Notifications());
        Assert.That(rejected.Subject, Is.EqualTo("SageBuild dev: build 1 rejected by the quality gate"));
        Assert.That(((JsonString)rejected.Message["summary"]).Value, Does.Contain("missed production (0.95").And.Contain("by 0.04"));
        Assert.That(f.Attribute("build#1", "status"), Is.EqualTo("REJECTED"));
        Assert.That(f.Attribute("production", "buildNumber"), Is.EqualTo("7"), "production is untouched");
        Assert.That(history.Any(e => e.Type == HistoryEventType.TaskStateEntered && Name(e) == "CreateModel"), Is.False);
    }

    [Test]
    public async Task A_failed_endpoint_update_is_rolled_back_and_the_new_model_and_config_are_deleted()
    {
        using var f = new PipelineFixture();
        f.Configure(PipelineConfigurations.Byod);
        var (result, history) = await f.RunAsync("FailedUpdate");

        Assert.That(result.Status, Is.EqualTo(ExecutionStatus.FAILED), Failure(history));
        Assert.That(Scheduled(history, "UpdateEndpoint"), Does.Contain("BlueGreenUpdatePolicy"));
        Assert.That(Scheduled(history, "DeleteNewEndpointConfig"), Does.Contain("sagebuild-dev-1-config"));
        Assert.That(Scheduled(history, "DeleteNewModel"), Does.Contain("sagebuild-dev-1-model"));
        Assert.That(Last(f.Notifications()).Subject, Is.EqualTo("SageBuild dev: build 1 rolled back"));
        Assert.That(f.Attribute("build#1", "status"), Is.EqualTo("ROLLED_BACK"));
        Assert.That(f.Attribute("build#1", "failure"), Does.Contain("rolled the update back"));
        Assert.That(f.Item("production"), Is.Null);
    }

    [Test]
    public async Task A_failed_smoke_test_switches_the_endpoint_back_to_the_previous_config()
    {
        using var f = new PipelineFixture();
        f.Configure(PipelineConfigurations.Byod);
        var (result, history) = await f.RunAsync("FailedSmokeTest");

        Assert.That(result.Status, Is.EqualTo(ExecutionStatus.FAILED), Failure(history));
        Assert.That(Scheduled(history, "RestorePreviousConfig"), Does.Contain("\"EndpointConfigName\":\"sagebuild-dev-0-config\""));
        Assert.That(((JsonString)Last(f.Notifications()).Message["summary"]).Value, Does.Contain("smoke invocation"));
        Assert.That(f.Attribute("build#1", "status"), Is.EqualTo("ROLLED_BACK"));
    }

    [Test]
    public async Task Tuning_deploys_the_best_training_jobs_model()
    {
        using var f = new PipelineFixture();
        f.Configure(PipelineConfigurations.Tuning);
        var (result, history) = await f.RunAsync("Tuning");

        Assert.That(result.Status, Is.EqualTo(ExecutionStatus.SUCCEEDED), Failure(history));
        Assert.That(Scheduled(history, "Tune"), Does.Contain("\"HyperParameterTuningJobName\":\"sagebuild-dev-1-tune\"").And.Contain("\"MaxNumberOfTrainingJobs\":6"));
        Assert.That(Scheduled(history, "CreateModel"), Does.Contain("sagebuild-dev-1-tune-003-1a2b3c4d/output/model.tar.gz"));
        Assert.That(f.Attribute("build#1", "tuningJob"), Is.EqualTo("sagebuild-dev-1-tune"));
        Assert.That(f.Attribute("production", "metricValue"), Is.EqualTo("0.93"));
    }

    [Test]
    public async Task Etl_output_reaches_the_training_config_and_post_process_runs_after_the_deploy()
    {
        using var f = new PipelineFixture();
        const string etl = "arn:aws:states:us-east-1:123456789012:stateMachine:etl";
        const string post = "arn:aws:states:us-east-1:123456789012:stateMachine:post";
        var hooks = $$"""{"etlStateMachineArn": "{{etl}}", "postProcessStateMachineArn": "{{post}}"}""";
        var document = PipelineConfigurations.With(PipelineConfigurations.Byod, "hooks", hooks);
        f.Configure(document);
        var (result, history) = await f.RunAsync("Hooks", ConfigurationReader.Read(document));

        Assert.That(result.Status, Is.EqualTo(ExecutionStatus.SUCCEEDED), Failure(history));
        Assert.That(Scheduled(history, "TrainingConfig"), Does.Contain("s3://sagebuild-data/prepared/2026-11-25/"));
        var order = history.Where(e => e.Type == HistoryEventType.TaskStateEntered).Select(Name).ToList();
        Assert.That(order.IndexOf("RunEtl"), Is.LessThan(order.IndexOf("TrainingConfig")));
        Assert.That(order.IndexOf("RunPostProcess"), Is.GreaterThan(order.IndexOf("PutProductionRecord")));
        Assert.That(Last(f.Notifications()).Subject, Does.StartWith("SageBuild dev: build 1 deployed"));
    }

    [Test]
    public async Task An_existing_artifact_is_deployed_without_training()
    {
        using var f = new PipelineFixture();
        f.Configure(PipelineConfigurations.ExistingArtifact);
        var (result, history) = await f.RunAsync("ExistingArtifact");

        Assert.That(result.Status, Is.EqualTo(ExecutionStatus.SUCCEEDED), Failure(history));
        Assert.That(history.Any(e => Name(e) is "Train" or "BuildTrainingImage"), Is.False);
        Assert.That(Scheduled(history, "CreateModel"), Does.Contain("s3://sagebuild-dev-artifacts/imported/model.tar.gz").And.Contain("my-server:3"));
        Assert.That(f.Attribute("build#1", "artifact"), Is.EqualTo("s3://sagebuild-dev-artifacts/imported/model.tar.gz"));
        Assert.That(f.Attribute("build#1", "status"), Is.EqualTo("DEPLOYED"));
    }

    [Test]
    public async Task Register_only_creates_the_model_and_config_but_no_endpoint()
    {
        using var f = new PipelineFixture();
        f.Configure(PipelineConfigurations.With(PipelineConfigurations.Byod, "deployEndpoint", "false"));
        var (result, history) = await f.RunAsync("RegisterOnly");

        Assert.That(result.Status, Is.EqualTo(ExecutionStatus.SUCCEEDED), Failure(history));
        Assert.That(history.Any(e => Name(e) is "CreateEndpoint" or "UpdateEndpoint" or "DescribeCurrentEndpoint"), Is.False);
        Assert.That(Last(f.Notifications()).Subject, Is.EqualTo("SageBuild dev: build 1 registered, not deployed"));
        Assert.That(f.Attribute("build#1", "status"), Is.EqualTo("REGISTERED"));
        Assert.That(f.Attribute("build#1", "endpointConfig"), Is.EqualTo("sagebuild-dev-1-config"));
    }

    private static (string Subject, JsonObject Message) Last(IReadOnlyList<(string Subject, JsonObject Message)> notes) => notes[^1];

    private static string? Name(HistoryEvent e) => e.Details is StateEnteredEventDetails s ? s.Name : null;

    private static string Scheduled(IReadOnlyList<HistoryEvent> history, string state)
    {
        var entered = history.ToList().FindIndex(e => e.Type is HistoryEventType.TaskStateEntered && Name(e) == state);
        Assert.That(entered, Is.GreaterThanOrEqualTo(0), $"the state {state} never ran");
        var scheduled = history.Skip(entered).First(e => e.Type is HistoryEventType.TaskScheduled or HistoryEventType.LambdaFunctionScheduled);
        // The event's details hold the parameters (or the Lambda's input) as JSON text.
        var details = HistoryJson.ToJson(scheduled).Select(p => p.Value).OfType<JsonObject>().First();
        return details.TryGetValue("parameters", out var parameters) && parameters is JsonString text ? text.Value : details.ToJson();
    }

    private static string Failure(IReadOnlyList<HistoryEvent> history) =>
        string.Join("\n", history.Where(e => e.Type.ToString().Contains("Failed", StringComparison.Ordinal)).Select(e => HistoryJson.ToJson(e).ToJson()).TakeLast(3));
}
