namespace SageBuild.Engine.Execution;

/// <summary>
/// Stops the branches of a Parallel or the iterations of a Map when one of them fails (or the execution stops). The
/// cancellation token that waits (Wait states, task calls) need is made only when one asks for it: most branches never
/// wait, and a linked token source per Map or Parallel state was a cost of every run.
/// </summary>
internal sealed class AbortSignal : IDisposable
{
    private readonly AbortSignal? _parent;
    private readonly CancellationToken _execution;
    private readonly Lock _lock = new();
    private CancellationTokenSource? _source;
    private volatile bool _set;
    private bool _disposed;

    /// <summary>A signal inside <paramref name="parent"/> (null at the top level) of an execution stopped by <paramref name="execution"/>.</summary>
    public AbortSignal(AbortSignal? parent, CancellationToken execution)
    {
        _parent = parent;
        _execution = execution;
    }

    /// <summary>Whether this signal, an enclosing one or the execution's stop has been set.</summary>
    public bool IsSet => _set || _execution.IsCancellationRequested || (_parent?.IsSet ?? false);

    /// <summary>A token cancelled when <see cref="IsSet"/> becomes true.</summary>
    public CancellationToken Token
    {
        get
        {
            lock (_lock)
            {
                if (_disposed)
                    return new CancellationToken(IsSet);
                if (_source is null)
                {
                    _source = CancellationTokenSource.CreateLinkedTokenSource(_parent?.Token ?? _execution);
                    if (_set)
                        _source.Cancel();
                }

                return _source.Token;
            }
        }
    }

    /// <summary>Stops the siblings.</summary>
    public void Set()
    {
        CancellationTokenSource? source;
        lock (_lock)
        {
            if (_set)
                return;
            _set = true;
            source = _disposed ? null : _source;
        }

        source?.Cancel();
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _disposed = true;
            _source?.Dispose();
        }
    }
}
