using SageBuild.Functions.Configuration;
using SageBuild.StateMachines.Json;
using SageBuild.StateMachines.Tasks.SageMaker;
using SageBuild.Tests.Support;

namespace SageBuild.Tests.Functions.Configuration;

public sealed class ConfigurationTests
{
    [Test]
    public void An_empty_document_is_a_complete_configuration_with_documented_defaults()
    {
        var c = ConfigurationReader.Read("{}");

        Assert.That(c.Framework.Name, Is.EqualTo(FrameworkName.Byod));
        Assert.That(c.Training.InstanceType, Is.EqualTo("ml.m5.large"));
        Assert.That(c.Training.InstanceCount, Is.EqualTo(1));
        Assert.That(c.Hosting.EffectiveVariants.Single().Name, Is.EqualTo("AllTraffic"));
        Assert.That(c.Guardrails.TrafficRouting, Is.EqualTo(TrafficRoutingType.ALL_AT_ONCE));
        Assert.That(c.Retention, Is.EqualTo(new RetentionSettings(3, 3)));
        Assert.That(c.BuildsTrainingImage && c.BuildsInferenceImage, Is.True);
    }

    [Test]
    public void Every_problem_is_reported_at_once_naming_its_key()
    {
        var e = Assert.Throws<ConfigurationException>(() => ConfigurationReader.Read("""
            {
              "training": { "instanceCount": 0, "instanceTyp": "ml.m5.large", "channels": [ { "name": "train", "uri": "http://nope" } ] },
              "hosting": { "instanceType": "m5.large" },
              "guardrails": { "trafficRouting": "canary" },
              "train": "yes"
            }
            """))!;

        var messages = e.Errors.Select(x => x.ToString()).ToList();
        Assert.That(messages, Does.Contain("training.instanceCount: must be ≥ 1"));
        Assert.That(messages, Does.Contain("training.instanceTyp: is not a known key; did you mean 'instanceType'?"));
        Assert.That(messages, Has.Some.StartsWith("training.channels[0].uri: must be an S3 URI"));
        Assert.That(messages, Has.Some.StartsWith("hosting.instanceType: must be a SageMaker instance type"));
        Assert.That(messages, Has.Some.Contains("guardrails.trafficRouting: must be one of ALL_AT_ONCE, CANARY, LINEAR, not 'canary' (did you mean 'CANARY'?)"));
        Assert.That(messages, Does.Contain("train: must be true or false, not the string 'yes'"));
        Assert.That(e.Message, Does.StartWith($"the configuration has {messages.Count} problems:"));
    }

    [TestCase("""{"train": false}""", "modelArtifacts: is required when train is false: it is the model to deploy")]
    [TestCase("""{"framework": {"name": "builtin"}}""", "framework.algorithm: is required when framework.name is builtin (for example xgboost)")]
    [TestCase("""{"guardrails": {"trafficRouting": "LINEAR"}}""", "guardrails.sizePercent: is required when guardrails.trafficRouting is LINEAR")]
    [TestCase("""{"tuning": {"objective": {"metric": "auc", "type": "Maximize"}, "maxJobs": 2, "maxParallelJobs": 3, "integerRanges": [{"name": "d", "min": 1, "max": 5}]}}""", "tuning.maxParallelJobs: must be ≤ tuning.maxJobs (2)")]
    [TestCase("""{"gate": {"metric": "validation:rmse", "direction": "minimize"}}""", "gate.metric: 'validation:rmse' is not among training.metricDefinitions, so the training job would not report it")]
    [TestCase("""{"framework": {"name": "pytorch"}, "training": {"hyperparameters": {"sagemaker_program": "x.py"}}}""", "training.hyperparameters.sagemaker_program: is set by SageBuild in script mode; remove it")]
    [TestCase("""{"steps": {"modelConfig": {}}}""", "steps.modelConfig: needs exactly one of lambdaArn and class")]
    public void Rules_across_keys_name_the_key_at_fault(string document, string expected)
    {
        var e = Assert.Throws<ConfigurationException>(() => ConfigurationReader.Read(document))!;
        Assert.That(e.Errors.Select(x => x.ToString()), Does.Contain(expected));
    }

    [Test]
    public void Writing_then_reading_gives_the_same_configuration()
    {
        var c = ConfigurationReader.Read("""
            {
              "framework": {"name": "sklearn", "version": "1.2-1"},
              "training": {"hyperparameters": {"alpha": 0.5, "fit": true}, "channels": [{"name": "train", "uri": "s3://my-bucket/train/", "contentType": "text/csv", "shuffle": true, "shuffleSeed": 7}],
                           "metricDefinitions": [{"name": "validation:rmse", "regex": "rmse=([0-9.]+)"}]},
              "hosting": {"variants": [{"name": "Blue", "weight": 1}, {"name": "Green", "weight": 3, "instanceType": "ml.c5.large"}], "dataCapture": {"enabled": true, "samplingPercentage": 20}},
              "gate": {"metric": "validation:rmse", "direction": "minimize", "threshold": 3.5, "minImprovement": 0.1},
              "guardrails": {"trafficRouting": "CANARY", "sizePercent": 10, "waitSeconds": 600, "alarms": ["errors"]},
              "retention": {"models": 5},
              "tags": {"team": "ml"}
            }
            """);

        var again = ConfigurationReader.Read(c.ToJson());

        Assert.That(again.ToJson(), Is.EqualTo(c.ToJson()));
        Assert.That(again.Training.Hyperparameters["alpha"], Is.EqualTo("0.5"));
        Assert.That(again.Training.Hyperparameters["fit"], Is.EqualTo("true"));
        Assert.That(again.Hosting.Variants[1].InstanceType, Is.EqualTo("ml.c5.large"));
    }

    [Test]
    public void The_published_schema_is_the_one_generated_from_the_declaration()
    {
        var checkedIn = Path.Combine(RepositoryPaths.Root, "schemas", ConfigurationSchema.FileName);
        Assert.That(File.Exists(checkedIn), Is.True, $"{checkedIn} is missing: write ConfigurationSchema.ToText() there");
        Assert.That(File.ReadAllText(checkedIn), Is.EqualTo(ConfigurationSchema.ToText()),
            "schemas/sagebuild-config.schema.json is out of date: regenerate it from ConfigurationSchema.ToText()");
    }

    [Test]
    public void Every_key_a_full_document_writes_is_declared_in_the_schema()
    {
        var full = ConfigurationReader.Read("""
            {"tuning": {"objective": {"metric": "m", "type": "Maximize", "regex": "m=(.*)"}, "categoricalRanges": [{"name": "k", "values": ["a"]}], "parentJobs": ["p"]},
             "gate": {"metric": "m", "direction": "maximize"}, "smokeTest": {"body": "{}"}, "hosting": {"containers": [{"image": "{inferenceImage}"}]},
             "hooks": {"etlStateMachineArn": "arn:aws:states:us-east-1:123456789012:stateMachine:e"}, "steps": {"trainingConfig": {"class": "Mine"}}}
            """).ToJson();

        void Check(JsonValue value, JsonObject schema, string key)
        {
            if (value is JsonObject o && schema.TryGetValue("properties", out var p))
            {
                foreach (var (name, child) in o)
                {
                    Assert.That(((JsonObject)p).TryGetValue(name, out var childSchema), Is.True, $"{key}{name} is written but not in the schema");
                    Check(child, (JsonObject)childSchema!, $"{key}{name}.");
                }
            }
            else if (value is JsonArray a && schema.TryGetValue("items", out var items))
            {
                foreach (var item in a)
                    Check(item, (JsonObject)items, key);
            }
        }

        Check(full, ConfigurationSchema.Document, "");
    }

    [Test]
    public void Deploy_time_overrides_merge_in_without_wiping_run_time_edits()
    {
        // Deployed once with the stack's overrides; then someone edits the instance type at run time.
        var first = ConfigurationOverrides.Merge(JsonObject.Empty, Json("""{"training": {"instanceType": "ml.m5.large", "instanceCount": 1}}"""));
        var edited = first.With("training", ((JsonObject)first["training"]).With("instanceType", "ml.p3.2xlarge")).With("gate", Json("""{"metric": "auc", "direction": "maximize"}"""));

        // The stack changes only the instance count: it applies; the run-time edits stay.
        var second = ConfigurationOverrides.Merge(edited, Json("""{"training": {"instanceType": "ml.m5.large", "instanceCount": 2}}"""));
        Assert.That(((JsonObject)second["training"])["instanceType"], Is.EqualTo((JsonValue)"ml.p3.2xlarge"));
        Assert.That(((JsonObject)second["training"])["instanceCount"], Is.EqualTo((JsonValue)2));
        Assert.That(second.ContainsKey("gate"), Is.True);

        // The stack now changes the instance type itself: that change applies; null removes a key.
        var third = ConfigurationOverrides.Merge(second, Json("""{"training": {"instanceType": "ml.c5.xlarge", "instanceCount": 2}, "gate": null}"""));
        Assert.That(((JsonObject)third["training"])["instanceType"], Is.EqualTo((JsonValue)"ml.c5.xlarge"));
        Assert.That(third.ContainsKey("gate"), Is.False);
        Assert.That(ConfigurationOverrides.Merge(third, (JsonObject)third["deployOverrides"]), Is.EqualTo(third), "merging the same overrides again changes nothing");
    }

    private static JsonObject Json(string text) => (JsonObject)JsonValue.Parse(text);
}
