namespace SageBuild.Engine.Execution;

/// <summary>A StopExecution asked for one child execution of a distributed Map: what it ends with, and who waits for it.</summary>
internal sealed class ChildStopRequest(string? error, string? cause)
{
    private readonly TaskCompletionSource _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string? Error { get; } = error;

    public string? Cause { get; } = cause;

    /// <summary>Completes when the child has ended (ABORTED, or as it was ending anyway) and its end is handed to the store.</summary>
    public Task Ended => _ended.Task;

    public void Complete() => _ended.TrySetResult();
}
