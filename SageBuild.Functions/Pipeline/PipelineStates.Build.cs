using SageBuild.StateMachines.Builders;
using SageBuild.StateMachines.Conditions;
using SageBuild.StateMachines.Iam;
using SageBuild.StateMachines.Json;
using SageBuild.StateMachines.Tasks;
using SageBuild.StateMachines.Tasks.CodeBuild;
using SageBuild.StateMachines.Tasks.DynamoDb;
using SageBuild.StateMachines.Tasks.SageMaker;
using SageBuild.StateMachines.Tasks.Ssm;
using SageBuild.StateMachines.Tasks.StepFunctions;

namespace SageBuild.Functions.Pipeline;

/// <summary>The build: configuration and number, hooks, images, training or tuning, and the quality gate.</summary>
internal sealed partial class PipelineStates
{
    /// <summary>Wraps whatever started the execution, with the deployment's identities beside it.</summary>
    public Pass Prepare() => new("Prepare", new PassOptions
    {
        Parameters = TaskInput.FromObject(("event", TaskInput.StateInput), ("pipeline", TaskInput.FromValue(_o.ToEnvironment()))),
        Comment = "SageBuild pipeline: what started the build, and the deployment it runs in",
    });

    public IChainable NormaliseTrigger() => Step("NormaliseTrigger", "trigger",
        TaskInput.FromObject(("event", Path("$.event")), ("executionName", JsonPath.Context.ExecutionName), ("time", JsonPath.Context.ExecutionStartTime)),
        "$.trigger", null, "request", "lockToken");

    /// <summary>Reads the configuration parameter, resolves it (overrides, validation, decisions) and saves a merge.</summary>
    public Chain ReadConfiguration()
    {
        var read = Guarded(new SsmGetParameter("ReadConfiguration", new SsmGetParameterOptions
        {
            Name = _o.ConfigParameterName,
            ResultSelector = TaskInput.FromObject(("value", JsonPath.StringAt("$.Parameter.Value")), ("version", JsonPath.NumberAt("$.Parameter.Version"))),
            ResultPath = "$.parameter",
        }));
        var resolve = Step("ResolveConfiguration", "resolve-config", TaskInput.FromObject(
                ("document", Path("$.parameter.value")),
                ("overrides", TaskInput.FromValue(_o.ConfigurationOverrides)),
                ("deployedHooks", TaskInput.FromValue(new JsonObjectBuilder()
                    .SetIfNotNull("etl", _shape.Hooks.EtlStateMachineArn is { } etl ? JsonString.From(etl) : null)
                    .SetIfNotNull("postProcess", _shape.Hooks.PostProcessStateMachineArn is { } post ? JsonString.From(post) : null)
                    .Build()))),
            "$.settings", null, "config", "flags", "changed", "document");
        var save = Guarded(new SsmPutParameter("SaveMergedConfiguration", new SsmPutParameterOptions
        {
            Name = _o.ConfigParameterName,
            Value = JsonPath.StringAt("$.settings.document"),
            Overwrite = true,
            ResultPath = JsonPath.DiscardResult,
            Comment = "The stack's overrides changed: keep the merged document (run-time edits included)",
        }));
        var allocate = AllocateBuildNumber();
        save.Next(allocate);
        var changed = new Choice("OverridesChanged")
            .When(Condition.BooleanEquals("$.settings.changed", true), save)
            .Otherwise(allocate);
        Chain.Start(read).Next(resolve).Next(changed);
        return Chain.Custom(read, [allocate]);
    }

    private DynamoUpdateItem AllocateBuildNumber() => Guarded(new DynamoUpdateItem("AllocateBuildNumber", new DynamoUpdateItemOptions
    {
        TableName = _o.LedgerTableName,
        Key = Key("counter"),
        UpdateExpression = "ADD buildNumber :one",
        ExpressionAttributeValues = new Dictionary<string, DynamoAttributeValue> { [":one"] = DynamoAttributeValue.FromNumber(1) },
        ReturnValues = DynamoReturnValues.UPDATED_NEW,
        ResultSelector = TaskInput.FromObject(("id", JsonPath.StringAt("$.Attributes.buildNumber.N"))),
        ResultPath = "$.build",
        Comment = "An atomic counter: a number is never handed out twice, even when its build fails",
    }));

    /// <summary>The optional ETL child state machine (fixed at deploy time), whose output is handed to the training config.</summary>
    public Chain Etl()
    {
        var none = Note("NoEtl", "$.etl", JsonObject.Empty);
        if (_shape.Hooks.EtlStateMachineArn is not { } arn)
            return Chain.Start(none);
        var run = Guarded(new StepFunctionsStartExecution("RunEtl", new StepFunctionsStartExecutionOptions
        {
            IntegrationPattern = IntegrationPattern.RunJob,
            StateMachineArn = arn,
            Input = TaskInput.FromObject(("build", Path("$.build")), ("request", Path("$.trigger.request")), ("config", Path("$.settings.config"))),
            AssociateWithParent = true,
            ResultSelector = TaskInput.FromObject(("output", Path("$.Output"))),
            ResultPath = "$.etl",
        }));
        var choice = new Choice("RunEtl?").When(Condition.BooleanEquals("$.settings.flags.etl", true), run).Otherwise(none);
        return choice.Afterwards();
    }

    public IChainable TrainingConfig() => Step("TrainingConfig", "training-config",
        TaskInput.FromObject([.. StepInput, ("request", Path("$.trigger.request")), ("etl", Path("$.etl"))]),
        "$.plan", _shape.Steps.TrainingConfig?.LambdaArn,
        "names", "suffixes", "sourceVersion", "trainingImage", "training", "tuning", "warmStart");

    /// <summary>Builds an image with CodeBuild, pinned to the triggering commit, tagged <c>{kind}_v{n}</c>.</summary>
    public Chain BuildImage(string kind, string flagPath, string tagPath, string repositoryUri)
    {
        var build = Guarded(new CodeBuildStartBuild($"Build{kind}Image", new CodeBuildStartBuildOptions
        {
            IntegrationPattern = IntegrationPattern.RunJob,
            ProjectName = _o.ImageBuildProjectName,
            SourceVersion = JsonPath.StringAt("$.plan.sourceVersion"),
            EnvironmentVariablesOverride =
            [
                new CodeBuildEnvironmentVariable("IMAGE_KIND", kind.ToLowerInvariant()),
                new CodeBuildEnvironmentVariable("IMAGE_REPOSITORY_URI", repositoryUri),
                new CodeBuildEnvironmentVariable("IMAGE_TAG", JsonPath.StringAt(tagPath)),
                new CodeBuildEnvironmentVariable("BUILD_NUMBER", JsonPath.StringAt("$.build.id")),
            ],
            ResultSelector = TaskInput.FromObject(("id", JsonPath.StringAt("$.Build.Id"))),
            ResultPath = $"$.images.{kind.ToLowerInvariant()}",
            TimeoutSeconds = 3600,
        }));
        var skip = new Pass($"Use{kind}Image", new PassOptions { Comment = $"The {kind.ToLowerInvariant()} image is given (or is SageMaker's)" });
        return new Choice($"Build{kind}Image?").When(Condition.BooleanEquals(flagPath, true), build).Otherwise(skip).Afterwards();
    }

    /// <summary>Training, tuning (the best job's model), or an existing artifact; then the evaluation file when the gate reads it.</summary>
    public Chain Train()
    {
        var train = Guarded(new SageMakerCreateTrainingJob("Train", new CreateTrainingJobOptions
        {
            IntegrationPattern = IntegrationPattern.RunJob,
            TrainingJobName = Named("$.plan.suffixes.trainingJob"),
            RoleArn = _o.TrainingRoleArn,
            AlgorithmSpecification = new AlgorithmSpecification { TrainingImage = JsonPath.StringAt("$.plan.training.AlgorithmSpecification.TrainingImage") },
            OutputDataConfig = new OutputDataConfig { S3OutputPath = JsonPath.StringAt("$.plan.training.OutputDataConfig.S3OutputPath") },
            AdditionalParameters = FromPlan("$.plan.training", "AlgorithmSpecification", "HyperParameters", "InputDataConfig", "ResourceConfig", "StoppingCondition", "Environment", "Tags"),
            ResultPath = "$.trained.job",
            Comment = "The request is the TrainingConfig step's; the name and role are fixed here, so the grants are narrow",
        }));
        var describeBest = Guarded(SageMakerCall("DescribeBestTrainingJob", "describeTrainingJob", "training-job",
            TaskInput.FromObject(("TrainingJobName", JsonPath.StringAt("$.trained.tuning.BestTrainingJob.TrainingJobName"))), "$.trained.job"));
        var tune = Guarded(Tuning("Tune", warmStart: false));
        var tuneWarm = Guarded(Tuning("TuneFromParentJobs", warmStart: true));
        tune.Next(describeBest);
        tuneWarm.Next(describeBest);
        var existing = new Pass("UseModelArtifacts", new PassOptions
        {
            Parameters = TaskInput.FromObject(("artifact", JsonPath.StringAt("$.settings.config.modelArtifacts"))),
            ResultPath = "$.trained",
            Comment = "train is false: deploy the given artifact",
        });
        var warm = new Choice("WarmStart?").When(Condition.BooleanEquals("$.plan.warmStart", true), tuneWarm).Otherwise(tune);
        var mode = new Choice("TrainingMode")
            .When(Condition.StringEquals("$.settings.flags.mode", "train"), train)
            .When(Condition.StringEquals("$.settings.flags.mode", "tune"), warm)
            .Otherwise(existing);

        var readEvaluation = Guarded(new CallAwsService("ReadEvaluationFile", new CallAwsServiceOptions
        {
            Service = "s3",
            Action = "getObject",
            Parameters = TaskInput.FromObject(
                ("Bucket", _o.ArtifactsBucket),
                ("Key", JsonPath.Format("models/{}/{}", "$.trained.job.TrainingJobName", "$.settings.config.gate.evaluationKey"))),
            IamResources = [$"arn:{ArnContext.PartitionToken}:s3:::{_o.ArtifactsBucket}/models/*"],
            ResultSelector = TaskInput.FromObject(("document", JsonPath.StringToJson("$.Body"))),
            ResultPath = "$.trained.evaluationFile",
        }));
        var noEvaluation = new Pass("UseFinalMetrics");
        var evaluation = new Choice("ReadEvaluationFile?").When(Condition.BooleanEquals("$.settings.flags.evaluationFile", true), readEvaluation).Otherwise(noEvaluation);
        mode.Afterwards().Next(evaluation);
        return Chain.Custom(mode, [readEvaluation, noEvaluation]);
    }

    private SageMakerCreateHyperParameterTuningJob Tuning(string name, bool warmStart)
    {
        // The request is the TrainingConfig step's, since the document is edited at run time: the plan's
        // HyperParameterTuningJobConfig and TrainingJobDefinition replace the typed ones whole (AdditionalParameters).
        // The typed fields still carry the job's name and the role, which scope the IAM grants.
        return new SageMakerCreateHyperParameterTuningJob(name, new CreateHyperParameterTuningJobOptions
        {
            IntegrationPattern = IntegrationPattern.RunJob,
            HyperParameterTuningJobName = Named("$.plan.suffixes.tuningJob"),
            ObjectiveType = TuningObjectiveType.Maximize,
            ObjectiveMetricName = "replaced-by-the-plan",
            MaxNumberOfTrainingJobs = JsonPath.NumberAt("$.plan.tuning.HyperParameterTuningJobConfig.ResourceLimits.MaxNumberOfTrainingJobs"),
            MaxParallelTrainingJobs = JsonPath.NumberAt("$.plan.tuning.HyperParameterTuningJobConfig.ResourceLimits.MaxParallelTrainingJobs"),
            AlgorithmSpecification = new AlgorithmSpecification { TrainingImage = JsonPath.StringAt("$.plan.tuning.TrainingJobDefinition.AlgorithmSpecification.TrainingImage") },
            RoleArn = _o.TrainingRoleArn,
            OutputDataConfig = new OutputDataConfig { S3OutputPath = JsonPath.StringAt("$.plan.tuning.TrainingJobDefinition.OutputDataConfig.S3OutputPath") },
            AdditionalParameters = FromPlan("$.plan.tuning", warmStart
                ? ["HyperParameterTuningJobConfig", "TrainingJobDefinition", "WarmStartConfig", "Tags"]
                : ["HyperParameterTuningJobConfig", "TrainingJobDefinition", "Tags"]),
            ResultPath = "$.trained.tuning",
        });
    }

    /// <summary>The production model's record, then the gate's verdict.</summary>
    public Chain QualityGate(IChainable passed, IChainable rejected)
    {
        var production = Guarded(new DynamoGetItem("ReadProductionRecord", new DynamoGetItemOptions
        {
            TableName = _o.LedgerTableName,
            Key = Key("production"),
            ConsistentRead = true,
            ResultPath = "$.production",
        }));
        var gate = Step("QualityGate", "quality-gate",
            TaskInput.FromObject(("config", Path("$.settings.config")), ("trained", Path("$.trained")), ("production", Path("$.production"))),
            "$.gate", null, "passed", "reason", "metric", "candidate", "production", "margin");
        var verdict = new Choice("GatePassed")
            .When(Condition.BooleanEquals("$.gate.passed", true), passed)
            .Otherwise(rejected);
        Chain.Start(production).Next(gate).Next(verdict);
        return Chain.Start(production);
    }

    private static TaskInput FromPlan(string planPath, params string[] keys) =>
        TaskInput.FromObject(keys.Select(k => (k, (TaskInput)JsonPath.ValueAt($"{planPath}.{k}"))).ToArray());
}
