namespace SageBuild.Engine.Execution;

/// <summary>
/// Stops the siblings of a failed Parallel branch or Map iteration. It is linked to the enclosing frame's token, so
/// stopping the execution (or an enclosing Parallel) stops these frames too.
/// </summary>
internal sealed class AbortSignal : IDisposable
{
    private readonly CancellationTokenSource _source;

    public AbortSignal(CancellationToken parent) => _source = CancellationTokenSource.CreateLinkedTokenSource(parent);

    public CancellationToken Token => _source.Token;

    public void Set()
    {
        try
        {
            _source.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The state already finished: nothing left to stop.
        }
    }

    public void Dispose() => _source.Dispose();
}
