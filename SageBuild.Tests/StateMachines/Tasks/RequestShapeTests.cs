using SageBuild.StateMachines.Builders;
using SageBuild.StateMachines.Json;
using SageBuild.StateMachines.Tasks.CodeBuild;
using SageBuild.StateMachines.Tasks.DynamoDb;
using SageBuild.StateMachines.Tasks.SageMaker;
using SageBuild.StateMachines.Tasks.Sns;
using SageBuild.StateMachines.Tasks.Ssm;
using SageBuild.StateMachines.Tasks.StepFunctions;
using static SageBuild.Tests.StateMachines.Builders.Asl;

namespace SageBuild.Tests.StateMachines.Tasks;

/// <summary>Every field every task emits, fully populated, is a member of the real API's input shape in botocore.</summary>
public sealed class RequestShapeTests
{
    private const string Role = "arn:aws:iam::111122223333:role/r";

    private static readonly AlgorithmSpecification Algorithm = new() { TrainingImage = "img", MetricDefinitions = [new MetricDefinition("auc", "auc=(.*)")] };

    private static readonly Channel FullChannel = new()
    {
        ChannelName = "train", S3Uri = "s3://b/train/", ContentType = "text/csv", CompressionType = CompressionType.Gzip, RecordWrapperType = RecordWrapper.RecordIO,
        InputMode = TrainingInputMode.Pipe, ShuffleSeed = 1, AttributeNames = ["source-ref"],
    };

    private static IEnumerable<TestCaseData> Requests()
    {
        TestCaseData Case(string service, string operation, StateNode task) => new TestCaseData(service, operation, task).SetName($"{service} {operation}");

        yield return Case("sagemaker", "CreateTrainingJob", new SageMakerCreateTrainingJob("T", new CreateTrainingJobOptions
        {
            TrainingJobName = "j", AlgorithmSpecification = Algorithm, RoleArn = Role, InputDataConfig = [FullChannel],
            OutputDataConfig = new OutputDataConfig { S3OutputPath = "s3://b/", KmsKeyId = "k" },
            ResourceConfig = new ResourceConfig { VolumeKmsKeyId = "k" }, StoppingCondition = new StoppingCondition { MaxWaitTimeInSeconds = 7200 },
            HyperParameters = new Dictionary<string, Field<string>> { ["a"] = "1" }, Environment = new Dictionary<string, Field<string>> { ["E"] = "v" },
            EnableManagedSpotTraining = true, Tags = new Dictionary<string, string> { ["t"] = "v" },
        }));
        yield return Case("sagemaker", "CreateHyperParameterTuningJob", new SageMakerCreateHyperParameterTuningJob("T", new CreateHyperParameterTuningJobOptions
        {
            HyperParameterTuningJobName = "t", ObjectiveType = TuningObjectiveType.Maximize, ObjectiveMetricName = "auc", MaxNumberOfTrainingJobs = 4, MaxParallelTrainingJobs = 2,
            IntegerParameterRanges = [new IntegerParameterRange { Name = "d", MinValue = "1", MaxValue = "5", ScalingType = HyperParameterScalingType.Linear }],
            ContinuousParameterRanges = [new ContinuousParameterRange { Name = "eta", MinValue = "0.1", MaxValue = "0.3" }],
            CategoricalParameterRanges = [new CategoricalParameterRange { Name = "b", Values = ["x", "y"] }],
            AlgorithmSpecification = Algorithm, RoleArn = Role, InputDataConfig = [FullChannel], OutputDataConfig = new OutputDataConfig { S3OutputPath = "s3://b/" },
            StaticHyperParameters = new Dictionary<string, Field<string>> { ["o"] = "x" }, ParentHyperParameterTuningJobs = ["p"], Tags = new Dictionary<string, string> { ["t"] = "v" },
        }));
        yield return Case("sagemaker", "CreateModel", new SageMakerCreateModel("M", new CreateModelOptions
        {
            ModelName = "m", ExecutionRoleArn = Role, Containers = [new ContainerDefinition { Image = "i", ModelDataUrl = "s3://b/m.tar.gz", ContainerHostname = "h", Environment = new Dictionary<string, Field<string>> { ["E"] = "v" } }],
            InferenceExecutionMode = InferenceExecutionMode.Direct, EnableNetworkIsolation = true, Tags = new Dictionary<string, string> { ["t"] = "v" },
        }));
        yield return Case("sagemaker", "CreateEndpointConfig", new SageMakerCreateEndpointConfig("C", new CreateEndpointConfigOptions
        {
            EndpointConfigName = "c", ProductionVariants = [new ProductionVariant { ModelName = "m", InstanceType = "ml.m5.large" }],
            DataCaptureConfig = new DataCaptureConfig { DestinationS3Uri = "s3://b/c/", KmsKeyId = "k" }, KmsKeyId = "k", Tags = new Dictionary<string, string> { ["t"] = "v" },
        }));
        yield return Case("sagemaker", "CreateEndpoint", new SageMakerCreateEndpoint("E", new CreateEndpointOptions
        {
            EndpointName = "e", EndpointConfigName = "c", DeploymentConfig = DeploymentConfig.Linear(25, 60, "alarm") with { TerminationWaitInSeconds = 60, MaximumExecutionTimeoutInSeconds = 3600 },
            Tags = new Dictionary<string, string> { ["t"] = "v" },
        }));
        yield return Case("sagemaker", "UpdateEndpoint", new SageMakerUpdateEndpoint("U", new UpdateEndpointOptions
        {
            EndpointName = "e", EndpointConfigName = "c", DeploymentConfig = DeploymentConfig.Canary(10, 60, "alarm"), RetainAllVariantProperties = false,
        }));
        yield return Case("sagemaker", "DescribeEndpoint", new SageMakerDescribeEndpoint("D", new DescribeEndpointOptions { EndpointName = "e" }));
        yield return Case("codebuild", "StartBuild", new CodeBuildStartBuild("B", new CodeBuildStartBuildOptions
        {
            ProjectName = "p", SourceVersion = "abc", BuildspecOverride = "version: 0.2", EnvironmentVariablesOverride = [new CodeBuildEnvironmentVariable("A", "b")],
        }));
        yield return Case("sns", "Publish", new SnsPublish("N", new SnsPublishOptions { TopicArn = "arn:aws:sns:r:1:t", Message = "m", Subject = "s", MessageStructure = "json" }));
        yield return Case("stepfunctions", "StartExecution", new StepFunctionsStartExecution("S", new StepFunctionsStartExecutionOptions { StateMachineArn = "arn", ExecutionName = "n" }));
        yield return Case("dynamodb", "PutItem", new DynamoPutItem("P", new DynamoPutItemOptions
        {
            TableName = "t", Item = new Dictionary<string, DynamoAttributeValue> { ["pk"] = DynamoAttributeValue.FromString("x"), ["m"] = DynamoAttributeValue.FromMap(new Dictionary<string, DynamoAttributeValue> { ["n"] = DynamoAttributeValue.Null() }) },
            ConditionExpression = "attribute_not_exists(pk)", ExpressionAttributeNames = new Dictionary<string, string> { ["#p"] = "pk" }, ReturnValues = DynamoReturnValues.ALL_OLD,
            ExpressionAttributeValues = new Dictionary<string, DynamoAttributeValue> { [":v"] = DynamoAttributeValue.FromList(DynamoAttributeValue.FromBoolean(true)) },
        }));
        yield return Case("dynamodb", "GetItem", new DynamoGetItem("G", new DynamoGetItemOptions
        {
            TableName = "t", Key = new Dictionary<string, DynamoAttributeValue> { ["pk"] = DynamoAttributeValue.FromString("x") }, ConsistentRead = true, ProjectionExpression = "#p",
            ExpressionAttributeNames = new Dictionary<string, string> { ["#p"] = "pk" },
        }));
        yield return Case("dynamodb", "UpdateItem", new DynamoUpdateItem("U", new DynamoUpdateItemOptions
        {
            TableName = "t", Key = new Dictionary<string, DynamoAttributeValue> { ["pk"] = DynamoAttributeValue.FromString("x") }, UpdateExpression = "ADD n :one",
            ConditionExpression = "attribute_exists(pk)", ExpressionAttributeValues = new Dictionary<string, DynamoAttributeValue> { [":one"] = DynamoAttributeValue.FromNumber(1) },
            ReturnValues = DynamoReturnValues.UPDATED_NEW,
        }));
        yield return Case("ssm", "GetParameter", new SsmGetParameter("G", new SsmGetParameterOptions { Name = "/p", WithDecryption = true }));
        yield return Case("ssm", "PutParameter", new SsmPutParameter("P", new SsmPutParameterOptions { Name = "/p", Value = "v", Type = "String", Overwrite = true, Description = "d" }));
    }

    [TestCaseSource(nameof(Requests))]
    public void Every_field_of_the_request_is_a_member_of_the_API_input_shape(string service, string operation, StateNode task)
    {
        var parameters = (JsonObject)State(task, task.Name)["Parameters"];

        Assert.That(BotocoreShapes.UnknownFields(service, operation, parameters), Is.Empty);
    }

    [Test]
    public void The_shape_check_catches_a_misspelt_field()
    {
        var request = (JsonObject)JsonValue.Parse("""{"EndpointName": "e", "EndpointConfig": "c", "DeploymentConfig": {"BlueGreenUpdatePolicy": {"TrafficRouting": {}}}}""");

        Assert.That(BotocoreShapes.UnknownFields("sagemaker", "CreateEndpoint", request),
            Is.EqualTo(new[] { "CreateEndpoint.EndpointConfig", "CreateEndpoint.DeploymentConfig.BlueGreenUpdatePolicy.TrafficRouting" }));
    }
}
