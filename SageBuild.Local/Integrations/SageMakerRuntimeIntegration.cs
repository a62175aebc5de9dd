using System.Text;
using SageBuild.Engine.Integrations;
using SageBuild.Local.Hosting;
using SageBuild.Local.Shapes;
using SageBuild.StateMachines.Json;
using SageBuild.StateMachines.Tasks;

namespace SageBuild.Local.Integrations;

/// <summary>
/// <c>arn:aws:states:::aws-sdk:sagemakerruntime:invokeEndpoint</c>: the pipeline's smoke test. The request goes to the
/// endpoint's current deployment, as a client's would; the result is InvokeEndpoint's response
/// (<c>Body</c> as text, <c>ContentType</c>, <c>InvokedProductionVariant</c>). A refused invocation or a model error
/// is <c>SageMakerRuntime.{Code}Exception</c> with the runtime's message.
/// </summary>
internal sealed class SageMakerRuntimeIntegration(LocalHostingService hosting) : IServiceIntegration
{
    public IReadOnlyCollection<string> Keys { get; } = ["aws-sdk:sagemakerruntime:invokeEndpoint"];

    public IReadOnlyCollection<IntegrationPattern> SupportedPatterns { get; } = [IntegrationPattern.RequestResponse];

    public async ValueTask<IntegrationOutcome> InvokeAsync(IntegrationRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        try
        {
            var parameters = new ShapeReader(request.Parameters, "");
            var endpoint = parameters.RequiredString("EndpointName");
            var body = Encoding.UTF8.GetBytes(parameters.OptionalString("Body") ?? "");
            var (response, variant) = await hosting.InvokeAsync(
                endpoint, body, parameters.OptionalString("ContentType"), parameters.OptionalString("Accept"), parameters.OptionalString("CustomAttributes"),
                parameters.OptionalString("TargetVariant"), parameters.OptionalString("TargetContainerHostname"), cancellationToken);
            var text = Encoding.UTF8.GetString(response.Body);
            if (!response.IsSuccess)
            {
                return IntegrationOutcome.Failure("SageMakerRuntime.ModelErrorException",
                    $"Received client error ({response.StatusCode}) from primary with message \"{text}\". (Service: SageMakerRuntime, Status Code: 424)");
            }

            return IntegrationOutcome.Success(new JsonObjectBuilder()
                .Set("Body", text)
                .Set("ContentType", response.ContentType ?? "application/octet-stream")
                .Set("InvokedProductionVariant", variant)
                .Build());
        }
        catch (ServiceException e)
        {
            return AwsErrors.Outcome(e, request.Target, "SageMakerRuntime", "AmazonSageMakerRuntimeException");
        }
        catch (InvocationException e)
        {
            var code = e.ErrorCode.EndsWith("Exception", StringComparison.Ordinal) ? e.ErrorCode : e.ErrorCode + "Exception";
            return IntegrationOutcome.Failure($"SageMakerRuntime.{code}", $"{e.Message} (Service: SageMakerRuntime, Status Code: {e.StatusCode})");
        }
    }
}
