using SageBuild.Infra.Pipeline;
using SageBuild.StateMachines.Builders;
using SageBuild.StateMachines.Conditions;
using SageBuild.StateMachines.Iam;
using SageBuild.StateMachines.Json;
using SageBuild.StateMachines.Tasks;
using SageBuild.StateMachines.Tasks.CodeBuild;
using SageBuild.StateMachines.Tasks.DynamoDb;
using SageBuild.StateMachines.Tasks.Lambda;
using SageBuild.StateMachines.Tasks.SageMaker;
using SageBuild.StateMachines.Tasks.Sns;
using SageBuild.StateMachines.Tasks.Ssm;

namespace SageBuild.Tests.InfraHost;

/// <summary>
/// PROVISIONAL, FOR TESTS ONLY: a small pipeline with the SageBuild pipeline's shape (read config → build number →
/// image build → train → model → endpoint config → endpoint with a wait loop → notify) and its four kinds of Lambda
/// handlers, built with the typed builders from the stack's resources. It exercises SageBuild.Infra until the real
/// pipeline of SageBuild.Functions lands; it is never deployed.
/// </summary>
public sealed class ProvisionalPipeline : IPipelineSource
{
    /// <summary>The variants the provisional endpoint config declares.</summary>
    public static readonly IReadOnlyList<string> Variants = ["AllTraffic"];

    /// <inheritdoc />
    public PipelineDescription Describe(PipelineResources resources)
    {
        ArgumentNullException.ThrowIfNull(resources);
        var machine = Define(resources);
        return new PipelineDescription
        {
            Definition = machine.Build(),
            Statements = machine.PolicyStatements(),
            InitialConfiguration = JsonObject.Create(
                ("training", JsonObject.Create(("instanceType", resources.TrainingInstanceType), ("instanceCount", 1))),
                ("hosting", JsonObject.Create(("instanceType", resources.HostingInstanceType), ("instanceCount", 1))),
                ("overrides", resources.ConfigurationOverrides)),
            Functions = Handlers(resources),
            Ledger = new LedgerKeySchema("pk", "S", "sk", "S"),
            VariantNames = Variants,
        };
    }

    /// <summary>The state machine, built with the builders.</summary>
    public static StateMachine Define(PipelineResources r)
    {
        ArgumentNullException.ThrowIfNull(r);
        var name = r.StateMachineName;
        var notifyFailure = new SnsPublish("NotifyFailure", new SnsPublishOptions
        {
            TopicArn = r.StatusTopicArn,
            Subject = JsonPath.Format("Build {} failed", "$.build"),
            Message = TaskInput.FromObject(("build", JsonPath.StringAt("$.build")), ("error", JsonPath.ValueAt("$.error"))),
        });
        var failed = Chain.Start(notifyFailure).Next(new Fail("BuildFailed", new FailOptions { Error = "SageBuild.BuildFailed", Cause = JsonPath.StringAt("$.error.Cause") }));
        CatcherOptions[] catchAll = [new CatcherOptions { Handler = failed, ResultPath = "$.error" }];

        var readConfig = new SsmGetParameter("ReadConfig", new SsmGetParameterOptions
        {
            Name = r.ConfigParameterName,
            ResultSelector = TaskInput.FromObject(("document", JsonPath.StringToJson("$.Parameter.Value"))),
            ResultPath = "$.config",
            Retry = [Retries.TransientAws],
        });
        var allocate = new DynamoUpdateItem("AllocateBuildNumber", new DynamoUpdateItemOptions
        {
            TableName = r.LedgerTableName,
            Key = new Dictionary<string, DynamoAttributeValue> { ["pk"] = DynamoAttributeValue.FromString("counter"), ["sk"] = DynamoAttributeValue.FromString("build") },
            UpdateExpression = "ADD lastBuild :one",
            ExpressionAttributeValues = new Dictionary<string, DynamoAttributeValue> { [":one"] = DynamoAttributeValue.FromNumber(1) },
            ReturnValues = DynamoReturnValues.UPDATED_NEW,
            ResultSelector = TaskInput.FromObject(("number", JsonPath.StringAt("$.Attributes.lastBuild.N"))),
            ResultPath = "$.allocated",
            Retry = [Retries.TransientAws],
        });
        var trainingConfig = new LambdaInvoke("TrainingConfig", new LambdaInvokeOptions
        {
            FunctionName = r.FunctionName("training-config"),
            Payload = TaskInput.StateInput,
            ResultSelector = TaskInput.FromObject(("build", JsonPath.StringAt("$.Payload.build")), ("commit", JsonPath.StringAt("$.Payload.commit"))),
            ResultPath = "$",
            Catch = catchAll,
        });
        var buildImage = new CodeBuildStartBuild("BuildTrainingImage", new CodeBuildStartBuildOptions
        {
            IntegrationPattern = IntegrationPattern.RunJob,
            ProjectName = r.ImageBuildProjectName,
            SourceVersion = JsonPath.StringAt("$.commit"),
            EnvironmentVariablesOverride =
            [
                new CodeBuildEnvironmentVariable("REPOSITORY_URI", r.TrainingRepositoryUri),
                new CodeBuildEnvironmentVariable("IMAGE_TAG", JsonPath.Format("Training_v{}", "$.build")),
            ],
            ResultPath = JsonPath.DiscardResult,
            Retry = [Retries.TransientAws],
            Catch = catchAll,
        });
        var train = new SageMakerCreateTrainingJob("Train", new CreateTrainingJobOptions
        {
            IntegrationPattern = IntegrationPattern.RunJob,
            TrainingJobName = JsonPath.Format(name + "-{}", "$.build"),
            AlgorithmSpecification = new AlgorithmSpecification { TrainingImage = JsonPath.Format(r.TrainingRepositoryUri + ":Training_v{}", "$.build") },
            RoleArn = r.TrainingRoleArn,
            InputDataConfig = [new Channel { ChannelName = "train", S3Uri = $"s3://{r.DataBucket}/{r.DataPrefix}" }],
            OutputDataConfig = new OutputDataConfig { S3OutputPath = $"s3://{r.ArtifactsBucket}/models/" },
            HyperParameters = new Dictionary<string, Field<string>> { ["epochs"] = "10" },
            ResultSelector = TaskInput.FromObject(("artifact", JsonPath.StringAt("$.ModelArtifacts.S3ModelArtifacts"))),
            ResultPath = "$.training",
            Retry = [Retries.TransientAws],
            Catch = catchAll,
        });
        var createModel = new SageMakerCreateModel("CreateModel", new CreateModelOptions
        {
            ModelName = JsonPath.Format(name + "-{}", "$.build"),
            ExecutionRoleArn = r.HostingRoleArn,
            PrimaryContainer = new ContainerDefinition { Image = JsonPath.Format(r.InferenceRepositoryUri + ":Inference_v{}", "$.build"), ModelDataUrl = JsonPath.StringAt("$.training.artifact") },
            ResultPath = JsonPath.DiscardResult,
            Retry = [Retries.TransientAws],
            Catch = catchAll,
        });
        var endpointConfig = new SageMakerCreateEndpointConfig("CreateEndpointConfig", new CreateEndpointConfigOptions
        {
            EndpointConfigName = JsonPath.Format(name + "-{}", "$.build"),
            ProductionVariants = [.. Variants.Select(v => new ProductionVariant { VariantName = v, ModelName = JsonPath.Format(name + "-{}", "$.build"), InstanceType = r.HostingInstanceType })],
            ResultPath = JsonPath.DiscardResult,
            Retry = [Retries.TransientAws],
            Catch = catchAll,
        });
        var createEndpoint = new SageMakerCreateEndpoint("CreateEndpoint", new CreateEndpointOptions
        {
            EndpointName = r.EndpointName,
            EndpointConfigName = JsonPath.Format(name + "-{}", "$.build"),
            ResultPath = JsonPath.DiscardResult,
            Retry = [Retries.TransientAws],
            Catch = catchAll,
        });
        var waitForEndpoint = new Wait("WaitForEndpoint", WaitTime.Duration(TimeSpan.FromSeconds(30)));
        var describe = new SageMakerDescribeEndpoint("DescribeEndpoint", new DescribeEndpointOptions
        {
            EndpointName = r.EndpointName,
            ResultSelector = TaskInput.FromObject(("status", JsonPath.StringAt("$.EndpointStatus"))),
            ResultPath = "$.endpoint",
            Retry = [Retries.TransientAws],
        });
        var isInService = new Choice("IsEndpointInService");
        var notify = new SnsPublish("NotifySuccess", new SnsPublishOptions
        {
            TopicArn = r.StatusTopicArn,
            Subject = JsonPath.Format("Build {} deployed", "$.build"),
            // The context object's "$$" must reach the deployed definition unchanged through Pulumi's "$$" escape.
            Message = TaskInput.FromObject(("build", JsonPath.StringAt("$.build")), ("status", "SUCCEEDED"), ("execution", JsonPath.Context.ExecutionName)),
        });

        _ = Chain.Start(readConfig).Next(allocate).Next(trainingConfig).Next(buildImage).Next(train).Next(createModel)
            .Next(endpointConfig).Next(createEndpoint).Next(waitForEndpoint).Next(describe).Next(isInService);
        isInService
            .When(Condition.StringEquals("$.endpoint.status", "InService"), notify)
            .When(Condition.StringEquals("$.endpoint.status", "Failed"), failed)
            .Otherwise(waitForEndpoint);
        return StateMachine.Define(name, readConfig, new StateMachineOptions { Comment = "PROVISIONAL test pipeline for SageBuild.Infra", Timeout = TimeSpan.FromHours(12) });
    }

    private static IReadOnlyList<LambdaHandler> Handlers(PipelineResources r)
    {
        const string Assembly = "SageBuild.Functions";
        var executions = Arn.Executions(r.StateMachineName);
        return
        [
            new LambdaHandler
            {
                Name = "training-config",
                Handler = $"{Assembly}::SageBuild.Functions.Handlers.TrainingConfigHandler::HandleAsync",
                Description = "Builds the training job request",
            },
            new LambdaHandler
            {
                Name = "trigger",
                Handler = $"{Assembly}::SageBuild.Functions.Handlers.TriggerHandler::HandleAsync",
                Role = LambdaRole.Trigger,
                Description = "Normalises triggers, queues and coalesces them, and starts builds",
                Permissions =
                [
                    PolicyStatement.Allow(r.StateMachineArn, "states:ListExecutions", "states:StartExecution"),
                    PolicyStatement.Allow(Arn.DynamoDbTable(r.LedgerTableName), "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem"),
                ],
            },
            new LambdaHandler
            {
                Name = "github-webhook",
                Handler = $"{Assembly}::SageBuild.Functions.Webhooks.GitHubPushHandler::HandleAsync",
                Role = LambdaRole.GitHubWebhook,
                Description = "Verifies GitHub pushes and forwards the stack branch's to the launch topic",
                Permissions = [PolicyStatement.Allow(r.LaunchTopicArn, "sns:Publish")],
            },
            new LambdaHandler
            {
                Name = "alexa",
                Handler = $"{Assembly}::SageBuild.Functions.Alexa.AlexaHandler::HandleAsync",
                Role = LambdaRole.Alexa,
                Description = "Answers the SageBuild Alexa skill",
                Permissions =
                [
                    PolicyStatement.Allow(r.StateMachineArn, "states:ListExecutions", "states:StartExecution"),
                    PolicyStatement.Allow(executions, "states:DescribeExecution", "states:StopExecution"),
                ],
                Environment = new Dictionary<string, string> { ["SAGEBUILD_ENDPOINT_NAME"] = r.EndpointName },
            },
        ];
    }
}
