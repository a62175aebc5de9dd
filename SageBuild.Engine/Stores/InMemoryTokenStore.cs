using System.Collections.Concurrent;

namespace SageBuild.Engine.Stores;

/// <summary>An <see cref="ITokenStore"/> in this process's memory: what it remembers ends with the engine.</summary>
public sealed class InMemoryTokenStore : ITokenStore
{
    private readonly ConcurrentDictionary<string, byte> _retired = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _retiredOrder = new();
    private readonly ConcurrentDictionary<string, List<RedriveUse>> _redrives = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _heartbeats = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public void RetireTaskToken(string taskToken)
    {
        ArgumentNullException.ThrowIfNull(taskToken);
        _heartbeats.TryRemove(taskToken, out _);
        if (_retired.TryAdd(taskToken, 0))
            _retiredOrder.Enqueue(taskToken);
        while (_retiredOrder.Count > TokenStoreLimits.MaxRetiredTaskTokens && _retiredOrder.TryDequeue(out var oldest))
            _retired.TryRemove(oldest, out _);
    }

    /// <inheritdoc />
    public bool IsTaskTokenRetired(string taskToken) => _retired.ContainsKey(taskToken);

    /// <inheritdoc />
    public void RecordHeartbeat(string taskToken, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(taskToken);
        _heartbeats[taskToken] = at;
    }

    /// <inheritdoc />
    public DateTimeOffset? FindHeartbeat(string taskToken) => _heartbeats.TryGetValue(taskToken, out var at) ? at : null;

    /// <inheritdoc />
    public void RememberRedrive(string executionArn, string clientToken, DateTimeOffset usedAt, DateTimeOffset redriveDate)
    {
        var uses = _redrives.GetOrAdd(executionArn, _ => []);
        lock (uses)
        {
            uses.RemoveAll(u => u.ClientToken == clientToken);
            uses.Add(new RedriveUse(clientToken, usedAt, redriveDate));
            if (uses.Count > TokenStoreLimits.RememberedRedriveClientTokens)
                uses.RemoveAt(0);
        }
    }

    /// <inheritdoc />
    public DateTimeOffset? FindRedrive(string executionArn, string clientToken, DateTimeOffset now)
    {
        if (!_redrives.TryGetValue(executionArn, out var uses))
            return null;
        lock (uses)
        {
            var use = uses.FindLast(u => u.ClientToken == clientToken && now - u.UsedAt <= TokenStoreLimits.RedriveClientTokenLifetime);
            return use?.RedriveDate;
        }
    }

    private sealed record RedriveUse(string ClientToken, DateTimeOffset UsedAt, DateTimeOffset RedriveDate);
}
