using SageBuild.StateMachines.Tasks;

namespace SageBuild.Engine.Integrations;

/// <summary>
/// A handler for one or more Task resources, registered by <c>service:action</c> in the integration registry.
/// Local backends and in-process Lambda functions implement it.
/// </summary>
/// <remarks>
/// After a crash, a Task whose start was recorded but not its result is called again: handlers must be
/// idempotent, for example by job name. For <see cref="IntegrationPattern.RunJob"/> the handler starts the job
/// and completes only when the job ends; for the other patterns it returns the service's response at once
/// (for <see cref="IntegrationPattern.WaitForTaskToken"/> the engine then waits for the token).
/// Cancellation means the execution was stopped or the task timed out: stop the job and return.
/// </remarks>
public interface IServiceIntegration
{
    /// <summary>The <c>service:action</c> keys this handler serves, such as <c>sagemaker:createTrainingJob</c>.</summary>
    IReadOnlyCollection<string> Keys { get; }

    /// <summary>The patterns this handler supports; a definition asking for another fails with States.Runtime.</summary>
    IReadOnlyCollection<IntegrationPattern> SupportedPatterns { get; }

    /// <summary>Performs the call.</summary>
    ValueTask<IntegrationOutcome> InvokeAsync(IntegrationRequest request, CancellationToken cancellationToken);
}
