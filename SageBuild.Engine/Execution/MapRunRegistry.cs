using System.Collections.Concurrent;

namespace SageBuild.Engine.Execution;

/// <summary>
/// The engine's running distributed Map Runs (one entry per Map Run, never per child), by Map Run ARN: where
/// StopExecution finds a running child, and where a Map Run nested inside a child execution is found while it runs.
/// </summary>
internal sealed class MapRunRegistry
{
    private readonly ConcurrentDictionary<string, MapRunChildren> _running = new(StringComparer.Ordinal);

    public void Add(MapRunChildren mapRun) => _running[mapRun.MapRunArn] = mapRun;

    public void Remove(MapRunChildren mapRun) => _running.TryRemove(new KeyValuePair<string, MapRunChildren>(mapRun.MapRunArn, mapRun));

    public MapRunChildren? Find(string mapRunArn) => _running.GetValueOrDefault(mapRunArn);

    /// <summary>The running Map Run that holds the child <paramref name="executionArn"/>, with the child's index; null when none does.</summary>
    public (MapRunChildren MapRun, int Index)? FindChild(string executionArn)
    {
        foreach (var mapRun in _running.Values)
        {
            if (mapRun.IndexOf(executionArn) is var index and >= 0)
                return (mapRun, index);
        }

        return null;
    }
}
