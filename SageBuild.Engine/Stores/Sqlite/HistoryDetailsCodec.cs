using System.Buffers;
using System.Text.Json;
using SageBuild.Engine.History;
using SageBuild.StateMachines.Json;

namespace SageBuild.Engine.Stores.Sqlite;

/// <summary>
/// Writes an event's details as compact UTF-8 JSON for the store and reads them back to the same record. A one-letter
/// <c>k</c> names the details' kind (the event type alone does not: ErrorEventDetails serve a dozen types); data
/// (inputs, outputs, parameters) is embedded as JSON, so numbers keep their literal text.
/// </summary>
internal static class HistoryDetailsCodec
{
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    /// <summary>The details as UTF-8 JSON, or null for none.</summary>
    public static byte[]? Encode(HistoryEventDetails? details)
    {
        if (details is null)
            return null;
        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(1024);
        buffer.ResetWrittenCount();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            switch (details)
            {
                case ExecutionStartedEventDetails d:
                    w.WriteString("k", "X");
                    Data(w, "input", d.Input);
                    w.WriteString("role", d.RoleArn);
                    Optional(w, "hash", d.DefinitionHash);
                    break;
                case OutputEventDetails d:
                    w.WriteString("k", "O");
                    Data(w, "output", d.Output);
                    break;
                case ErrorEventDetails d:
                    w.WriteString("k", "E");
                    Optional(w, "error", d.Error);
                    Optional(w, "cause", d.Cause);
                    Optional(w, "rtype", d.ResourceType);
                    Optional(w, "res", d.Resource);
                    break;
                case StateEnteredEventDetails d:
                    w.WriteString("k", "N");
                    w.WriteString("name", d.Name);
                    Data(w, "input", d.Input);
                    break;
                case StateExitedEventDetails d:
                    w.WriteString("k", "x");
                    w.WriteString("name", d.Name);
                    Data(w, "output", d.Output);
                    if (d.AssignedVariables is { } assigned)
                        Data(w, "assigned", assigned);
                    break;
                case MapStateStartedEventDetails d:
                    w.WriteString("k", "M");
                    w.WriteNumber("length", d.Length);
                    break;
                case MapIterationEventDetails d:
                    w.WriteString("k", "I");
                    w.WriteString("name", d.Name);
                    w.WriteNumber("index", d.Index);
                    break;
                case MapRunStartedEventDetails d:
                    w.WriteString("k", "R");
                    w.WriteString("arn", d.MapRunArn);
                    break;
                case TaskScheduledEventDetails d:
                    w.WriteString("k", "S");
                    w.WriteString("rtype", d.ResourceType);
                    w.WriteString("res", d.Resource);
                    w.WriteString("region", d.Region);
                    Data(w, "params", d.Parameters);
                    Optional(w, "timeout", d.TimeoutInSeconds);
                    Optional(w, "heartbeat", d.HeartbeatInSeconds);
                    break;
                case TaskStartedEventDetails d:
                    w.WriteString("k", "T");
                    w.WriteString("rtype", d.ResourceType);
                    w.WriteString("res", d.Resource);
                    break;
                case TaskOutputEventDetails d:
                    w.WriteString("k", "U");
                    w.WriteString("rtype", d.ResourceType);
                    w.WriteString("res", d.Resource);
                    Data(w, "output", d.Output);
                    break;
                case ResourceScheduledEventDetails d:
                    w.WriteString("k", "L");
                    w.WriteString("res", d.Resource);
                    Data(w, "input", d.Input);
                    Optional(w, "timeout", d.TimeoutInSeconds);
                    Optional(w, "heartbeat", d.HeartbeatInSeconds);
                    break;
                default:
                    throw new ArgumentException($"the store cannot keep {details.GetType().Name}: add it to {nameof(HistoryDetailsCodec)}", nameof(details));
            }

            w.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Reads details written by <see cref="Encode"/>.</summary>
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

    private static void Data(Utf8JsonWriter w, string name, JsonValue value)
    {
        w.WritePropertyName(name);
        value.WriteTo(w);
    }

    private static void Optional(Utf8JsonWriter w, string name, string? value)
    {
        if (value is not null)
            w.WriteString(name, value);
    }

    private static void Optional(Utf8JsonWriter w, string name, long? value)
    {
        if (value is { } v)
            w.WriteNumber(name, v);
    }

    private static string? Text(JsonObject o, string name) => o.TryGetValue(name, out var v) && v is JsonString s ? s.Value : null;

    private static long? Number(JsonObject o, string name) => o.TryGetValue(name, out var v) && v is JsonNumber n && n.TryGetInt64(out var x) ? x : null;
}
