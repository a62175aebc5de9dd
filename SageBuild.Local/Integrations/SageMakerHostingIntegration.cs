using SageBuild.Engine.Integrations;
using SageBuild.Local.Hosting;
using SageBuild.Local.Shapes;
using SageBuild.StateMachines.Json;
using SageBuild.StateMachines.Tasks;

namespace SageBuild.Local.Integrations;

/// <summary>
/// The optimized hosting integrations: <c>arn:aws:states:::sagemaker:createModel</c>, <c>createEndpointConfig</c>,
/// <c>createEndpoint</c> and <c>updateEndpoint</c>. They answer at once, as SageMaker does: an endpoint is then
/// Creating or Updating, and the state machine polls <c>describeEndpoint</c> until it is InService.
/// </summary>
internal sealed class SageMakerHostingIntegration(LocalHostingService hosting) : IServiceIntegration
{
    public IReadOnlyCollection<string> Keys { get; } =
        ["sagemaker:createModel", "sagemaker:createEndpointConfig", "sagemaker:createEndpoint", "sagemaker:updateEndpoint"];

    public IReadOnlyCollection<IntegrationPattern> SupportedPatterns { get; } = [IntegrationPattern.RequestResponse];

    public ValueTask<IntegrationOutcome> InvokeAsync(IntegrationRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        try
        {
            JsonObject result = request.Target.Action switch
            {
                "createModel" => JsonObject.Create(("ModelArn", hosting.CreateModel(request.Parameters).Arn)),
                "createEndpointConfig" => JsonObject.Create(("EndpointConfigArn", hosting.CreateEndpointConfig(request.Parameters).Arn)),
                "createEndpoint" => JsonObject.Create(("EndpointArn", hosting.CreateEndpoint(request.Parameters).Arn)),
                "updateEndpoint" => JsonObject.Create(("EndpointArn", hosting.UpdateEndpoint(request.Parameters).Arn)),
                var other => throw new NotSupportedException($"sagemaker:{other} is not a hosting action"),
            };
            return ValueTask.FromResult(IntegrationOutcome.Success(result));
        }
        catch (ServiceException e)
        {
            return ValueTask.FromResult(AwsErrors.Outcome(e, request.Target, "SageMaker", "AmazonSageMakerException"));
        }
    }
}
