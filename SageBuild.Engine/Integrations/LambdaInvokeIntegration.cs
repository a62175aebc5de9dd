using SageBuild.StateMachines.Json;
using SageBuild.StateMachines.Tasks;

namespace SageBuild.Engine.Integrations;

/// <summary>
/// Runs in-process Lambda functions, by name, partial ARN or full ARN. As in AWS: a plain function ARN as the Resource
/// returns the function's result itself; the optimised <c>arn:aws:states:::lambda:invoke</c> takes FunctionName and
/// Payload from its parameters and wraps the result as <c>{ExecutedVersion, Payload, SdkHttpMetadata, SdkResponseMetadata, StatusCode}</c>.
/// </summary>
internal sealed class LambdaInvokeIntegration(IReadOnlyDictionary<string, LambdaFunctionHandler> functions) : IServiceIntegration
{
    public IReadOnlyCollection<string> Keys { get; } = ["lambda:invoke"];

    public IReadOnlyCollection<IntegrationPattern> SupportedPatterns { get; } = [IntegrationPattern.RequestResponse, IntegrationPattern.WaitForTaskToken];

    public async ValueTask<IntegrationOutcome> InvokeAsync(IntegrationRequest request, CancellationToken cancellationToken)
    {
        var plain = request.Target.FunctionArn is not null;
        string functionName;
        JsonValue payload;
        if (plain)
        {
            functionName = request.Target.FunctionArn!;
            payload = request.Parameters;
        }
        else
        {
            if (request.Parameters is not JsonObject parameters || !parameters.TryGetValue("FunctionName", out var name) || name is not JsonString s)
                return IntegrationOutcome.Failure("States.Runtime", "lambda:invoke needs a FunctionName string in its Parameters");
            functionName = s.Value;
            payload = parameters.TryGetValue("Payload", out var p) ? p : JsonObject.Empty;
        }

        if (!functions.TryGetValue(FunctionName(functionName), out var function))
        {
            return IntegrationOutcome.Failure("Lambda.ResourceNotFoundException",
                $"Function not found: {functionName} (register it with EngineBuilder.AddLambdaFunction)");
        }

        JsonValue result;
        try
        {
            result = await function(payload, cancellationToken).ConfigureAwait(false);
        }
        catch (LambdaFunctionException e)
        {
            return FunctionError(e.ErrorType, e.Message);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // A function's exception is its failure, reported as Lambda reports it.
        catch (Exception e)
#pragma warning restore CA1031
        {
            return FunctionError(e.GetType().Name, e.Message);
        }

        if (plain)
            return IntegrationOutcome.Success(result);
        return IntegrationOutcome.Success(JsonObject.Create(
            ("ExecutedVersion", "$LATEST"),
            ("Payload", result),
            ("SdkHttpMetadata", JsonObject.Create(("HttpHeaders", JsonObject.Empty), ("HttpStatusCode", 200))),
            ("SdkResponseMetadata", JsonObject.Create(("RequestId", request.Context.ExecutionArn + "/" + request.Context.StateName))),
            ("StatusCode", 200)));
    }

    /// <summary><c>name</c>, <c>123456789012:function:name</c> and <c>arn:aws:lambda:...:function:name[:qualifier]</c> all name <c>name</c>.</summary>
    internal static string FunctionName(string reference)
    {
        var parts = reference.Split(':');
        var i = Array.IndexOf(parts, "function");
        return i >= 0 && i + 1 < parts.Length ? parts[i + 1] : reference;
    }

    private static IntegrationOutcome FunctionError(string errorType, string message) =>
        IntegrationOutcome.Failure(errorType, JsonObject.Create(("errorMessage", message), ("errorType", errorType)).ToJson());
}
