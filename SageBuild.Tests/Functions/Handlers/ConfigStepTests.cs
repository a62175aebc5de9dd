using SageBuild.Functions.Handlers;
using SageBuild.Functions.Handlers.Core;
using SageBuild.Functions.Naming;
using SageBuild.StateMachines.Json;
using SageBuild.Tests.Functions.Pipeline;

namespace SageBuild.Tests.Functions.Handlers;

/// <summary>The config-building steps, with the JSON Step Functions sends them.</summary>
public sealed class ConfigStepTests
{
    private static JsonObject Event(string config, string build = "12", string extra = "") => (JsonObject)JsonValue.Parse($$"""
        {"config": {{config}}, "pipeline": {{PipelineFixture.Options.ToEnvironment().ToJson()}}, "build": {"id": "{{build}}"},
         "request": {"source": "git", "commit": "abc123", "branch": "dev"}, "etl": {}, "now": "2026-11-25T10:00:00Z"{{extra}}}
        """);

    [Test]
    public void Script_mode_training_uses_the_framework_image_for_the_instance_and_the_versioned_code()
    {
        var plan = (JsonObject)new TrainingConfigFunction(new StepRegistry()).Handle(Event("""
            {"framework": {"name": "pytorch", "version": "2.1", "entryPoint": "train.py"}, "training": {"instanceType": "ml.g5.xlarge", "hyperparameters": {"epochs": 3}}}
            """));
        var request = (JsonObject)plan["training"];
        var hyperparameters = (JsonObject)request["HyperParameters"];

        Assert.That(((JsonObject)request["AlgorithmSpecification"])["TrainingImage"], Is.EqualTo((JsonValue)"763104351884.dkr.ecr.us-east-1.amazonaws.com/pytorch-training:2.1-gpu-py310"));
        Assert.That(hyperparameters["sagemaker_program"], Is.EqualTo((JsonValue)"\"train.py\""));
        Assert.That(hyperparameters["sagemaker_submit_directory"], Is.EqualTo((JsonValue)"\"s3://sagebuild-dev-code/versions/training/v12.tar.gz\""));
        Assert.That(hyperparameters["epochs"], Is.EqualTo((JsonValue)"3"));
        Assert.That(plan["trainingImage"].ToJson(), Does.Contain("\"build\":false"));
        Assert.That(plan["sourceVersion"], Is.EqualTo((JsonValue)"abc123"));
    }

    [Test]
    public void With_no_channels_the_training_reads_the_stacks_data_prefix()
    {
        var request = (JsonObject)((JsonObject)new TrainingConfigFunction(new StepRegistry()).Handle(Event("{}")))["training"];
        Assert.That(request["InputDataConfig"].ToJson(), Does.Contain("\"ChannelName\":\"train\"").And.Contain("\"S3Uri\":\"s3://sagebuild-data/data/\""));
    }

    [Test]
    public void A_registered_CSharp_step_rewrites_the_request()
    {
        var registry = new StepRegistry().Register("Spot", new SpotTraining());
        var plan = (JsonObject)new TrainingConfigFunction(registry).Handle(Event("""{"steps": {"trainingConfig": {"class": "Spot"}}}"""));
        Assert.That(((JsonObject)plan["training"])["EnableManagedSpotTraining"], Is.EqualTo((JsonValue)true));

        var e = Assert.Throws<InvalidOperationException>(() => new TrainingConfigFunction(new StepRegistry()).Handle(Event("""{"steps": {"trainingConfig": {"class": "Spot"}}}""")))!;
        Assert.That(e.Message, Does.Contain("steps.trainingConfig.class names 'Spot'"));
    }

    [Test]
    public void A_pipeline_model_gets_every_container_and_the_artifact_only_where_asked()
    {
        var result = (JsonObject)new ModelConfigFunction(new StepRegistry()).Handle(Event(
            """{"inferenceImage": "acct.dkr.ecr.us-east-1.amazonaws.com/server:1", "hosting": {"containers": [{"image": "acct.dkr.ecr.us-east-1.amazonaws.com/pre:2", "useModel": false, "environment": {"MODE": "csv"}}, {"image": "{inferenceImage}"}]}}""",
            extra: """, "trained": {"artifact": "s3://a/model.tar.gz"}"""));
        var containers = (JsonArray)((JsonObject)result["request"])["Containers"];

        Assert.That(result["pipeline"], Is.EqualTo((JsonValue)true));
        Assert.That(containers[0].ToJson(), Is.EqualTo("""{"Image":"acct.dkr.ecr.us-east-1.amazonaws.com/pre:2","Environment":{"MODE":"csv"}}"""));
        Assert.That(containers[1].ToJson(), Does.Contain("server:1").And.Contain("\"ModelDataUrl\":\"s3://a/model.tar.gz\""));
    }

    [Test]
    public void The_endpoint_config_has_weighted_variants_data_capture_and_a_canary_deployment()
    {
        var result = (JsonObject)new EndpointConfigFunction(new StepRegistry()).Handle(Event("""
            {"hosting": {"variants": [{"name": "A", "weight": 3}, {"name": "B", "weight": 1, "instanceCount": 2}], "dataCapture": {"enabled": true, "samplingPercentage": 25}},
             "guardrails": {"trafficRouting": "CANARY", "sizePercent": 10, "waitSeconds": 600, "alarms": ["sagebuild-dev-AllTraffic-server-errors"], "endpointTimeoutSeconds": 1800}}
            """));
        var request = (JsonObject)result["request"];

        Assert.That(request["ProductionVariants"].ToJson(), Does.Contain("\"VariantName\":\"B\",\"ModelName\":\"sagebuild-dev-12-model\",\"InitialInstanceCount\":2"));
        Assert.That(((JsonObject)request["DataCaptureConfig"])["InitialSamplingPercentage"], Is.EqualTo((JsonValue)25));
        Assert.That(result["deploymentConfig"].ToJson(), Is.EqualTo(
            """{"BlueGreenUpdatePolicy":{"TrafficRoutingConfiguration":{"Type":"CANARY","WaitIntervalInSeconds":600,"CanarySize":{"Type":"CAPACITY_PERCENT","Value":10}}},"AutoRollbackConfiguration":{"Alarms":[{"AlarmName":"sagebuild-dev-AllTraffic-server-errors"}]}}"""));
        Assert.That(result["deadline"], Is.EqualTo((JsonValue)"2026-11-25T10:30:00Z"));
    }

    [TestCase(1, "sagebuild-dev-1-train", "sagebuild-dev-1-tune")]
    [TestCase(123456789012, "sagebuild-dev-123456789012-train", "sagebuild-dev-12345-8f9a4e1c")]
    public void Names_are_deterministic_start_with_the_prefix_and_fit_SageMakers_limits(long build, string training, string tuningStart)
    {
        var names = ResourceNames.For("sagebuild-dev-", build);
        Assert.That(names.TrainingJob, Is.EqualTo(training));
        Assert.That(names.TuningJob, Has.Length.LessThanOrEqualTo(32).And.StartWith(tuningStart[..15]));
        Assert.That(ResourceNames.For("sagebuild-dev-", build), Is.EqualTo(names));
        var longName = ResourceNames.Fit(new string('a', 70), 63);
        Assert.That(longName, Has.Length.EqualTo(63));
        Assert.That(ResourceNames.Fit(new string('a', 69) + "b", 63), Is.Not.EqualTo(longName), "the hash keeps two long names apart");
    }

    private sealed class SpotTraining : IRequestStep
    {
        public JsonObject BuildRequest(JsonValue input, JsonObject request) => request.With("EnableManagedSpotTraining", true);
    }
}
