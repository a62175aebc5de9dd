using SageBuild.StateMachines.Json;

namespace SageBuild.Functions.Alexa;

/// <summary>
/// The pipeline's executions, as the Alexa skill needs them: deployed, <see cref="Aws.DeployedPipeline"/> (the Step
/// Functions API with the function role's credentials); from the CLI, a SageBuild server.
/// </summary>
public interface IBuildExecutions
{
    /// <summary>The most recent executions, newest first.</summary>
    Task<IReadOnlyList<BuildExecution>> ListAsync(int max, CancellationToken cancellationToken = default);

    /// <summary>The state a running execution is in (the last state it entered), or null.</summary>
    Task<string?> CurrentStateAsync(string executionArn, CancellationToken cancellationToken = default);

    /// <summary>Starts a build with <paramref name="input"/> (a build request).</summary>
    Task<BuildExecution> StartAsync(JsonObject input, CancellationToken cancellationToken = default);

    /// <summary>Stops a running execution.</summary>
    Task StopAsync(string executionArn, string cause, CancellationToken cancellationToken = default);
}
