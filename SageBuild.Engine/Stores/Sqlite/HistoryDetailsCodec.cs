using SageBuild.Engine.History;
using SageBuild.StateMachines.Json;

namespace SageBuild.Engine.Stores.Sqlite;

/// <summary>
/// Reads an event's details as history format 1 stored them (see <see cref="HistoryStepCodec"/>): compact UTF-8 JSON,
/// with a one-letter <c>k</c> naming the details' kind (the event type alone does not: ErrorEventDetails serve a dozen
/// types) and data (inputs, outputs, parameters) embedded as JSON. Format 2 replaced it; this version reads it only
/// (and the details of a format-1 database's history_events rows, the same JSON, when <see cref="Format1Migration"/>
/// converts them).
/// </summary>
internal static class HistoryDetailsCodec
{
    /// <summary>Reads details stored in format 1.</summary>
    /// <exception cref="FormatException">The text is not details this codec wrote.</exception>
    public static HistoryEventDetails? Decode(ReadOnlySpan<byte> utf8)
    {
        if (utf8.IsEmpty)
            return null;
        if (JsonValue.Parse(utf8) is not JsonObject o || !o.TryGetValue("k", out var kind) || kind is not JsonString k)
            throw new FormatException("stored event details are not an object with a kind");
        return k.Value switch
        {
            "X" => new ExecutionStartedEventDetails(o["input"], Text(o, "role")!, Text(o, "hash")),
            "O" => new OutputEventDetails(o["output"]),
            "E" => new ErrorEventDetails(Text(o, "error"), Text(o, "cause"), Text(o, "rtype"), Text(o, "res")),
            "N" => new StateEnteredEventDetails(Text(o, "name")!, o["input"]),
            "x" => new StateExitedEventDetails(Text(o, "name")!, o["output"], o.TryGetValue("assigned", out var a) ? a as JsonObject : null),
            "M" => new MapStateStartedEventDetails((int)Number(o, "length")!.Value),
            "I" => new MapIterationEventDetails(Text(o, "name")!, (int)Number(o, "index")!.Value),
            "R" => new MapRunStartedEventDetails(Text(o, "arn")!),
            "S" => new TaskScheduledEventDetails(Text(o, "rtype")!, Text(o, "res")!, Text(o, "region")!, o["params"], Number(o, "timeout"), Number(o, "heartbeat")),
            "T" => new TaskStartedEventDetails(Text(o, "rtype")!, Text(o, "res")!),
            "U" => new TaskOutputEventDetails(Text(o, "rtype")!, Text(o, "res")!, o["output"]),
            "L" => new ResourceScheduledEventDetails(Text(o, "res")!, o["input"], Number(o, "timeout"), Number(o, "heartbeat")),
            _ => throw new FormatException($"stored event details of an unknown kind '{k.Value}'"),
        };
    }

    private static string? Text(JsonObject o, string name) => o.TryGetValue(name, out var v) && v is JsonString s ? s.Value : null;

    private static long? Number(JsonObject o, string name) => o.TryGetValue(name, out var v) && v is JsonNumber n && n.TryGetInt64(out var x) ? x : null;
}
