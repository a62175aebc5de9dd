using SageBuild.Functions.Handlers;
using SageBuild.StateMachines.Json;

namespace SageBuild.Tests.Functions.Handlers;

public sealed class QualityGateFunctionTests
{
    private static JsonObject Event(string gate, double? auc, string? production = null)
    {
        var metric = auc is null ? "" : JsonObject.Create(("MetricName", "validation:auc"), ("Value", auc.Value), ("Timestamp", 1.7e9)).ToJson();
        return (JsonObject)JsonValue.Parse($$$"""
            {
              "config": {"gate": {{{gate}}}, "training": {"metricDefinitions": [{"name": "validation:auc", "regex": "auc=(.*)"}, {"name": "validation:rmse", "regex": "rmse=(.*)"}]}},
              "trained": {"job": {"TrainingJobName": "sagebuild-dev-4-train", "FinalMetricDataList": [{{{metric}}}]}},
              "production": {{{production ?? "{}"}}}
            }
            """);
    }

    private const string Production = """{"Item": {"pk": {"S": "production"}, "buildNumber": {"N": "3"}, "metricName": {"S": "validation:auc"}, "metricValue": {"N": "0.9"}}}""";

    [TestCase(0.95, true, "production", 0.05)]
    [TestCase(0.9, true, "production", 0)]
    [TestCase(0.88, false, "production", -0.02)]
    public void Compares_the_candidate_with_the_production_models_recorded_metric(double candidate, bool passed, string decidedBy, double margin)
    {
        var result = (JsonObject)new QualityGateFunction().Handle(Event("""{"metric": "validation:auc", "direction": "maximize", "threshold": 0.5}""", candidate, Production));

        Assert.That(result["passed"], Is.EqualTo((JsonValue)passed));
        Assert.That(result["decidedBy"], Is.EqualTo((JsonValue)decidedBy));
        Assert.That(((JsonNumber)result["margin"]).Value, Is.EqualTo(margin).Within(1e-9));
        Assert.That(result["productionBuild"], Is.EqualTo((JsonValue)"3"));
    }

    [Test]
    public void A_rejection_says_by_how_much_the_candidate_missed()
    {
        var result = (JsonObject)new QualityGateFunction().Handle(Event("""{"metric": "validation:auc", "direction": "maximize", "minImprovement": 0.01}""", 0.905, Production));

        Assert.That(result["passed"], Is.EqualTo((JsonValue)false));
        Assert.That(((JsonString)result["reason"]).Value, Is.EqualTo("validation:auc = 0.905 missed production (0.9 with a required improvement of 0.01, so at least 0.91) by 0.005"));
    }

    [Test]
    public void A_tie_with_production_passes_and_says_it_is_a_tie()
    {
        var result = (JsonObject)new QualityGateFunction().Handle(Event("""{"metric": "validation:auc", "direction": "maximize"}""", 0.9, Production));

        Assert.That(result["passed"], Is.EqualTo((JsonValue)true));
        Assert.That(((JsonString)result["reason"]).Value, Is.EqualTo("validation:auc = 0.9 equals production's bar (0.9), which passes"));
    }

    [Test]
    public void Lower_is_better_when_minimizing_and_the_threshold_binds_without_production()
    {
        var gate = """{"metric": "validation:rmse", "direction": "minimize", "threshold": 3.0}""";
        var e = (JsonObject)JsonValue.Parse(Event(gate, null).ToJson().Replace("\"FinalMetricDataList\":[]", "\"FinalMetricDataList\":[{\"MetricName\":\"validation:rmse\",\"Value\":3.4}]", StringComparison.Ordinal));

        var result = (JsonObject)new QualityGateFunction().Handle(e);

        Assert.That(result["passed"], Is.EqualTo((JsonValue)false));
        Assert.That(((JsonString)result["reason"]).Value, Is.EqualTo("validation:rmse = 3.4 missed the threshold (at most 3) by 0.4"));
    }

    [Test]
    public void A_metric_the_training_did_not_report_fails_the_step_with_what_it_did_report()
    {
        var e = Assert.Throws<MetricNotFoundException>(() => new QualityGateFunction().Handle(Event("""{"metric": "validation:rmse", "direction": "minimize"}""", 0.9)))!;
        Assert.That(e.Message, Does.Contain("reported no 'validation:rmse'").And.Contain("validation:auc"));
    }

    [Test]
    public void The_evaluation_file_is_read_when_the_gate_says_so()
    {
        var e = Event("""{"metric": "validation:rmse", "direction": "minimize", "source": "evaluationFile", "threshold": 5}""", 0.9)
            .With("trained", JsonValue.Parse("""{"evaluationFile": {"document": {"metrics": {"validation:rmse": 2.5}}}}"""));

        var result = (JsonObject)new QualityGateFunction().Handle(e);

        Assert.That(result["candidate"], Is.EqualTo((JsonValue)2.5));
        Assert.That(result["passed"], Is.EqualTo((JsonValue)true));
    }
}
