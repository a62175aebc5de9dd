using SageBuild.StateMachines.Builders;
using SageBuild.StateMachines.Conditions;
using SageBuild.StateMachines.Tasks;
using SageBuild.StateMachines.Tasks.CodeBuild;
using SageBuild.StateMachines.Tasks.SageMaker;
using SageBuild.StateMachines.Tasks.Sns;

namespace SageBuild.Tests.StateMachines.Builders;

/// <summary>
/// A small machine shaped like the SageBuild pipeline, to show the API reads top to bottom:
/// build image → train → create model → endpoint config → create endpoint → wait until in service → notify.
/// </summary>
internal static class ExamplePipeline
{
    public const string Role = "arn:aws:iam::111122223333:role/sagebuild-dev-sagemaker";
    public const string Topic = "arn:aws:sns:eu-west-1:111122223333:sagebuild-dev-status";

    public static StateMachine Create()
    {
        var notifyFailure = new SnsPublish("NotifyFailure", new SnsPublishOptions
        {
            TopicArn = Topic,
            Subject = JsonPath.Format("Build {} failed", "$.build"),
            Message = TaskInput.FromObject(("build", JsonPath.StringAt("$.build")), ("error", JsonPath.ValueAt("$.error"))),
        });
        var failed = Chain.Start(notifyFailure).Next(new Fail("BuildFailed", new FailOptions { Error = "SageBuild.BuildFailed", Cause = JsonPath.StringAt("$.error.Cause") }));

        var buildImage = new CodeBuildStartBuild("BuildTrainingImage", new CodeBuildStartBuildOptions
        {
            IntegrationPattern = IntegrationPattern.RunJob,
            ProjectName = "sagebuild-dev-images",
            SourceVersion = JsonPath.StringAt("$.commit"),
            EnvironmentVariablesOverride = [new CodeBuildEnvironmentVariable("IMAGE_TAG", JsonPath.Format("Training_v{}", "$.build"))],
            ResultPath = JsonPath.DiscardResult,
            Retry = [Retries.TransientAws],
            Catch = [new CatcherOptions { Handler = failed, ResultPath = "$.error" }],
        });

        var train = new SageMakerCreateTrainingJob("Train", new CreateTrainingJobOptions
        {
            IntegrationPattern = IntegrationPattern.RunJob,
            TrainingJobName = JsonPath.Format("sagebuild-dev-{}", "$.build"),
            AlgorithmSpecification = new AlgorithmSpecification { TrainingImage = JsonPath.StringAt("$.images.training") },
            RoleArn = Role,
            InputDataConfig = [new Channel { ChannelName = "train", S3Uri = "s3://sagebuild-dev-data/train/" }],
            OutputDataConfig = new OutputDataConfig { S3OutputPath = "s3://sagebuild-dev-artifacts/models/" },
            HyperParameters = new Dictionary<string, Field<string>> { ["epochs"] = "10" },
            ResultSelector = TaskInput.FromObject(("artifact", JsonPath.StringAt("$.ModelArtifacts.S3ModelArtifacts"))),
            ResultPath = "$.training",
            Retry = [Retries.TransientAws],
            Catch = [new CatcherOptions { Handler = failed, ResultPath = "$.error" }],
        });

        var createModel = new SageMakerCreateModel("CreateModel", new CreateModelOptions
        {
            ModelName = JsonPath.Format("sagebuild-dev-{}", "$.build"),
            ExecutionRoleArn = Role,
            PrimaryContainer = new ContainerDefinition { Image = JsonPath.StringAt("$.images.inference"), ModelDataUrl = JsonPath.StringAt("$.training.artifact") },
            ResultPath = JsonPath.DiscardResult,
            Retry = [Retries.TransientAws],
        });

        var endpointConfig = new SageMakerCreateEndpointConfig("CreateEndpointConfig", new CreateEndpointConfigOptions
        {
            EndpointConfigName = JsonPath.Format("sagebuild-dev-{}", "$.build"),
            ProductionVariants = [new ProductionVariant { ModelName = JsonPath.Format("sagebuild-dev-{}", "$.build"), InstanceType = "ml.m5.large" }],
            ResultPath = JsonPath.DiscardResult,
            Retry = [Retries.TransientAws],
        });

        var createEndpoint = new SageMakerCreateEndpoint("CreateEndpoint", new CreateEndpointOptions
        {
            EndpointName = "sagebuild-dev",
            EndpointConfigName = JsonPath.Format("sagebuild-dev-{}", "$.build"),
            ResultPath = JsonPath.DiscardResult,
            Retry = [Retries.TransientAws],
        });

        // Endpoints have no .sync: wait, describe, and decide, until the endpoint is in service or has failed.
        var waitForEndpoint = new Wait("WaitForEndpoint", WaitTime.Duration(TimeSpan.FromSeconds(30)));
        var describe = new SageMakerDescribeEndpoint("DescribeEndpoint", new DescribeEndpointOptions
        {
            EndpointName = "sagebuild-dev",
            ResultSelector = TaskInput.FromObject(("status", JsonPath.StringAt("$.EndpointStatus"))),
            ResultPath = "$.endpoint",
            Retry = [Retries.TransientAws],
        });
        var isInService = new Choice("IsEndpointInService");
        var notify = new SnsPublish("NotifySuccess", new SnsPublishOptions
        {
            TopicArn = Topic,
            Subject = JsonPath.Format("Build {} deployed", "$.build"),
            Message = TaskInput.FromObject(("build", JsonPath.StringAt("$.build")), ("status", "SUCCEEDED")),
        });

        var definition = Chain.Start(buildImage)
            .Next(train)
            .Next(createModel)
            .Next(endpointConfig)
            .Next(createEndpoint)
            .Next(waitForEndpoint)
            .Next(describe)
            .Next(isInService);
        isInService
            .When(Condition.StringEquals("$.endpoint.status", "InService"), notify)
            .When(Condition.StringEquals("$.endpoint.status", "Failed"), failed)
            .Otherwise(waitForEndpoint);
        _ = definition;

        return StateMachine.Define("sagebuild-dev", buildImage, new StateMachineOptions { Comment = "SageBuild example pipeline", Timeout = TimeSpan.FromHours(12) });
    }
}
