using SageBuild.Engine.Integrations;
using SageBuild.Local.Hosting;
using SageBuild.Local.Shapes;
using SageBuild.Local.Training;
using SageBuild.StateMachines.Json;
using SageBuild.StateMachines.Tasks;

namespace SageBuild.Local.Integrations;

/// <summary>
/// The AWS SDK integrations for SageMaker (<c>arn:aws:states:::aws-sdk:sagemaker:{action}</c>) that the pipeline
/// uses: describing, deleting and creating hosting resources, and describing or stopping training jobs. Results have
/// the API's shapes, with ISO 8601 times.
/// </summary>
internal sealed class SageMakerSdkIntegration(LocalHostingService hosting, LocalTrainingService training) : IServiceIntegration
{
    private const string Prefix = "aws-sdk:sagemaker:";

    public IReadOnlyCollection<string> Keys { get; } =
    [
        Prefix + "describeEndpoint", Prefix + "describeEndpointConfig", Prefix + "describeModel",
        Prefix + "deleteEndpoint", Prefix + "deleteEndpointConfig", Prefix + "deleteModel",
        Prefix + "createModel", Prefix + "createEndpointConfig", Prefix + "createEndpoint", Prefix + "updateEndpoint",
        Prefix + "describeTrainingJob", Prefix + "stopTrainingJob",
    ];

    public IReadOnlyCollection<IntegrationPattern> SupportedPatterns { get; } = [IntegrationPattern.RequestResponse];

    public async ValueTask<IntegrationOutcome> InvokeAsync(IntegrationRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        const TimestampFormat format = TimestampFormat.Iso8601;
        try
        {
            var parameters = new ShapeReader(request.Parameters, "");
            JsonObject result;
            switch (request.Target.Action)
            {
                case "describeEndpoint":
                    result = hosting.FindEndpoint(parameters.RequiredString("EndpointName")).Describe(format);
                    break;
                case "describeEndpointConfig":
                    result = hosting.DescribeEndpointConfig(parameters.RequiredString("EndpointConfigName")).Describe(format);
                    break;
                case "describeModel":
                    result = hosting.DescribeModel(parameters.RequiredString("ModelName")).Describe(format);
                    break;
                case "deleteEndpoint":
                    await hosting.DeleteEndpointAsync(parameters.RequiredString("EndpointName"));
                    result = JsonObject.Empty;
                    break;
                case "deleteEndpointConfig":
                    hosting.DeleteEndpointConfig(parameters.RequiredString("EndpointConfigName"));
                    result = JsonObject.Empty;
                    break;
                case "deleteModel":
                    hosting.DeleteModel(parameters.RequiredString("ModelName"));
                    result = JsonObject.Empty;
                    break;
                case "createModel":
                    result = JsonObject.Create(("ModelArn", hosting.CreateModel(request.Parameters).Arn));
                    break;
                case "createEndpointConfig":
                    result = JsonObject.Create(("EndpointConfigArn", hosting.CreateEndpointConfig(request.Parameters).Arn));
                    break;
                case "createEndpoint":
                    result = JsonObject.Create(("EndpointArn", hosting.CreateEndpoint(request.Parameters).Arn));
                    break;
                case "updateEndpoint":
                    result = JsonObject.Create(("EndpointArn", hosting.UpdateEndpoint(request.Parameters).Arn));
                    break;
                case "describeTrainingJob":
                    var name = parameters.RequiredString("TrainingJobName");
                    result = (training.Describe(name) ?? throw new ServiceException(ServiceException.ResourceNotFound, $"Requested resource not found: training job {name}"))
                        .Describe(format);
                    break;
                case "stopTrainingJob":
                    var stopped = parameters.RequiredString("TrainingJobName");
                    if (!training.Stop(stopped))
                        throw new ServiceException(ServiceException.ResourceNotFound, $"Requested resource not found: no training job {stopped} is in progress");
                    result = JsonObject.Empty;
                    break;
                default:
                    throw new NotSupportedException($"aws-sdk:sagemaker:{request.Target.Action} is not available locally");
            }

            return IntegrationOutcome.Success(result);
        }
        catch (ServiceException e)
        {
            return AwsErrors.Outcome(e, request.Target, "SageMaker", "AmazonSageMakerException");
        }
    }
}
