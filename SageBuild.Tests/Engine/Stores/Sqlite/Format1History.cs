using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using SageBuild.Engine.History;
using SageBuild.StateMachines.Json;

namespace SageBuild.Tests.Engine.Stores.Sqlite;

/// <summary>
/// Writes history steps as SageBuild wrote them before format 2 (the store now only reads them, HistoryDetailsCodec),
/// and event details as databases of format 1 held them, so that the conversion of an earlier database can be tested
/// on what that version really stored.
/// </summary>
internal static class Format1History
{
    /// <summary>A history step as format 1 wrote it (HistoryStepCodec's remarks): fixed little-endian fields, the type by name, JSON details.</summary>
    public static byte[] Encode(HistoryEvent[] events)
    {
        var bytes = new List<byte> { 1 };
        foreach (var e in events)
        {
            var fixedPart = new byte[36];
            BinaryPrimitives.WriteInt64LittleEndian(fixedPart, e.Id);
            BinaryPrimitives.WriteInt64LittleEndian(fixedPart.AsSpan(8), e.PreviousEventId);
            BinaryPrimitives.WriteInt64LittleEndian(fixedPart.AsSpan(16), e.Timestamp.UtcTicks);
            BinaryPrimitives.WriteInt64LittleEndian(fixedPart.AsSpan(24), e.Frame.StartEventId);
            BinaryPrimitives.WriteInt32LittleEndian(fixedPart.AsSpan(32), e.Frame.Index);
            bytes.AddRange(fixedPart);
            var name = Encoding.ASCII.GetBytes(e.Type.ToString());
            bytes.AddRange(BitConverter.GetBytes((ushort)name.Length));
            bytes.AddRange(name);
            using var stream = new MemoryStream();
            using (var json = new Utf8JsonWriter(stream))
                WriteDetails(json, e.Details!);
            bytes.AddRange(BitConverter.GetBytes((int)stream.Length));
            bytes.AddRange(stream.ToArray());
        }

        return [.. bytes];
    }

    /// <summary>An event's details as a database of format 1 stored them in its history_events row: the same compact JSON, or null for none.</summary>
    public static byte[]? DetailsJson(HistoryEventDetails? details)
    {
        if (details is null)
            return null;
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
            WriteDetails(json, details);
        return stream.ToArray();
    }

    // The (non-null) details as one JSON object, which the caller flushes.
    private static void WriteDetails(Utf8JsonWriter w, HistoryEventDetails details)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(details);
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
                throw new ArgumentException($"format 1 had no details of kind {details.GetType().Name}", nameof(details));
        }

        w.WriteEndObject();
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
}
