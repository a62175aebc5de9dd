using System.Collections.Concurrent;
using SageBuild.Engine.Integrations;
using SageBuild.StateMachines.Json;
using SageBuild.StateMachines.Tasks;

namespace SageBuild.Tests.Engine.Api.Dashboard;

/// <summary>
/// An SQS stand-in for <c>sqs:sendMessage.waitForTaskToken</c> tasks: it hands each task's token to the test, by state
/// name, as a queue consumer would get it. The test decides when the task ends (SendTaskSuccess), so "running" lasts
/// exactly as long as the test needs to look at it.
/// </summary>
internal sealed class TaskTokens : IServiceIntegration
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource<string>> _tokens = new(StringComparer.Ordinal);

    public IReadOnlyCollection<string> Keys { get; } = ["sqs:sendMessage"];

    public IReadOnlyCollection<IntegrationPattern> SupportedPatterns { get; } = [IntegrationPattern.WaitForTaskToken];

    /// <summary>The token of the task in state <paramref name="stateName"/>, once the engine has called it.</summary>
    public Task<string> TokenOf(string stateName) =>
        Source(stateName).Task.WaitAsync(TimeSpan.FromSeconds(30));

    public ValueTask<IntegrationOutcome> InvokeAsync(IntegrationRequest request, CancellationToken cancellationToken)
    {
        Source(request.Context.StateName).TrySetResult(request.Context.TaskToken!);
        return ValueTask.FromResult(IntegrationOutcome.Success(JsonObject.Create(("MessageId", "m-1"))));
    }

    private TaskCompletionSource<string> Source(string stateName) =>
        _tokens.GetOrAdd(stateName, _ => new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously));
}
