using System.Collections.Concurrent;
using SageBuild.StateMachines.Json;
using SageBuild.StateMachines.Model;

namespace SageBuild.Engine.Expressions;

/// <summary>Places a result in a state's input as ResultPath says.</summary>
public static class ResultPathWriter
{
    // Definitions hold few distinct ResultPaths; the cap only guards a long-lived host against unbounded growth.
    private const int CacheLimit = 4096;
    private static readonly ConcurrentDictionary<string, ResultPathTarget> Cache = new(StringComparer.Ordinal);

    /// <summary>
    /// Absent ResultPath (null) gives <paramref name="result"/>; <c>"$"</c> gives the result; the explicit null discards the
    /// result and gives <paramref name="input"/>; any other reference path gives a copy of the input with the result at that
    /// path, creating objects on the way. Throws <see cref="StatesErrorException"/> with States.ResultPathMatchFailure.
    /// </summary>
    public static JsonValue Apply(JsonValue input, NullablePath? resultPath, JsonValue result)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(result);
        if (resultPath is null)
            return result;
        if (resultPath.Path is not { } path)
            return input;
        if (path == "$")
            return result;
        return Target(path).Apply(input, result);
    }

    /// <summary>The compiled target of <paramref name="path"/>, cached; throws <see cref="FormatException"/> for a path that is not a reference path.</summary>
    public static ResultPathTarget Target(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (Cache.TryGetValue(path, out var target))
            return target;
        target = ResultPathTarget.Compile(path);
        if (Cache.Count >= CacheLimit)
            Cache.Clear();
        Cache.TryAdd(path, target);
        return target;
    }
}
