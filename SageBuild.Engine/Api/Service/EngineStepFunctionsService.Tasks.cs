using System.Text.Json;
using SageBuild.Engine.Api.Model;
using SageBuild.StateMachines.Json;

namespace SageBuild.Engine.Api.Service;

/// <summary>SendTaskSuccess, SendTaskFailure, SendTaskHeartbeat: the callbacks of <c>.waitForTaskToken</c> tasks.</summary>
public sealed partial class EngineStepFunctionsService
{
    /// <inheritdoc />
    public async Task<SendTaskSuccessOutput> SendTaskSuccessAsync(SendTaskSuccessInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        JsonValue output;
        try
        {
            output = JsonValue.Parse(input.Output);
        }
        catch (JsonException e)
        {
            throw new StepFunctionsException(StepFunctionsErrorCodes.InvalidOutput, $"Invalid Output: '{e.Message}'");
        }

        await _engine.SendTaskSuccessAsync(input.TaskToken, output, cancellationToken).ConfigureAwait(false);
        return new SendTaskSuccessOutput();
    }

    /// <inheritdoc />
    public async Task<SendTaskFailureOutput> SendTaskFailureAsync(SendTaskFailureInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        await _engine.SendTaskFailureAsync(input.TaskToken, input.Error, input.Cause, cancellationToken).ConfigureAwait(false);
        return new SendTaskFailureOutput();
    }

    /// <inheritdoc />
    public async Task<SendTaskHeartbeatOutput> SendTaskHeartbeatAsync(SendTaskHeartbeatInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        await _engine.SendTaskHeartbeatAsync(input.TaskToken, cancellationToken).ConfigureAwait(false);
        return new SendTaskHeartbeatOutput();
    }
}
