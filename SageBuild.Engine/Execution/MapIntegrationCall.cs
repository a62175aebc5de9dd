using SageBuild.Engine.Expressions;
using SageBuild.Engine.Integrations;
using SageBuild.StateMachines.Json;

namespace SageBuild.Engine.Execution;

/// <summary>
/// A call a distributed Map makes itself (its ItemReader's and ResultWriter's S3 calls): dispatched by Resource through
/// the same integration registry as Task states; a failure of any kind is thrown as the given error (ItemReaderFailed or ResultWriterFailed).
/// </summary>
internal static class MapIntegrationCall
{
    public static async ValueTask<JsonValue> InvokeAsync(RunFrame frame, string stateName, string resource, ResourceTarget target, JsonValue parameters, string error)
    {
        if (!frame.Run.Engine.Integrations.TryResolve(target, out var handler))
        {
            throw new StatesErrorException(error,
                $"No service integration is registered for '{target.Key}' (the resource '{resource}' of the Map state '{stateName}'): register one with EngineBuilder.AddIntegration.");
        }

        IntegrationOutcome outcome;
        try
        {
            var context = new TaskCallContext(frame.Run.ExecutionArn, stateName, 0, null, null);
            outcome = await handler.InvokeAsync(new IntegrationRequest(resource, target, parameters, context), frame.CancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (frame.IsAborting)
        {
            throw;
        }
#pragma warning disable CA1031 // An integration's own fault is the Map's reader or writer failing, reported as AWS reports it.
        catch (Exception e)
#pragma warning restore CA1031
        {
            throw new StatesErrorException(error, $"{target.Key} failed: {e.Message}");
        }

        return outcome.Failed
            ? throw new StatesErrorException(error, $"{target.Key} failed with {outcome.Error}: {outcome.Cause}")
            : outcome.Result!;
    }
}
