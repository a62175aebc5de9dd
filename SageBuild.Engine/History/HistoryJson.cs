using System.Globalization;
using SageBuild.StateMachines.Json;

namespace SageBuild.Engine.History;

/// <summary>Renders history events in the shape of GetExecutionHistory's <c>events</c>.</summary>
public static class HistoryJson
{
    private static readonly JsonObject NotTruncated = JsonObject.Create(("truncated", false));
    private static readonly string[] DetailsKeys = CreateDetailsKeys();

    /// <summary>The JSON member that holds the details of <paramref name="type"/>, such as <c>taskFailedEventDetails</c>.</summary>
    public static string DetailsKey(HistoryEventType type) => DetailsKeys[(int)type];

    /// <summary>
    /// The event as GetExecutionHistory returns it. Data (input, output, parameters, assigned variables) is JSON text,
    /// as in the API. Timestamps are epoch seconds (the wire format) or, when <paramref name="isoTimestamps"/>, RFC 3339 text.
    /// </summary>
    public static JsonObject ToJson(HistoryEvent historyEvent, bool isoTimestamps = false)
    {
        ArgumentNullException.ThrowIfNull(historyEvent);
        var o = new JsonObjectBuilder(5);
        o.Set("timestamp", isoTimestamps
            ? historyEvent.Timestamp.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture)
            : JsonNumber.From(historyEvent.Timestamp.ToUnixTimeMilliseconds() / 1000.0));
        o.Set("type", historyEvent.Type.ToString());
        o.Set("id", historyEvent.Id);
        o.Set("previousEventId", historyEvent.PreviousEventId);
        if (historyEvent.Details is { } details)
            o.Set(DetailsKey(historyEvent.Type), Details(details));
        return o.Build();
    }

    /// <summary>The events as a JSON array.</summary>
    public static JsonArray ToJson(IEnumerable<HistoryEvent> events, bool isoTimestamps = false)
    {
        ArgumentNullException.ThrowIfNull(events);
        var list = new List<JsonValue>();
        foreach (var e in events)
            list.Add(ToJson(e, isoTimestamps));
        return JsonArray.Wrap([.. list]);
    }

    private static JsonObject Details(HistoryEventDetails details)
    {
        var o = new JsonObjectBuilder(4);
        switch (details)
        {
            case ExecutionStartedEventDetails d:
                o.Set("input", d.Input.ToJson()).Set("inputDetails", NotTruncated).Set("roleArn", d.RoleArn);
                break;
            case OutputEventDetails d:
                o.Set("output", d.Output.ToJson()).Set("outputDetails", NotTruncated);
                break;
            case ErrorEventDetails d:
                if (d.ResourceType is not null)
                    o.Set("resourceType", d.ResourceType);
                if (d.Resource is not null)
                    o.Set("resource", d.Resource);
                if (d.Error is not null)
                    o.Set("error", d.Error);
                if (d.Cause is not null)
                    o.Set("cause", d.Cause);
                break;
            case StateEnteredEventDetails d:
                o.Set("name", d.Name).Set("input", d.Input.ToJson()).Set("inputDetails", NotTruncated);
                break;
            case StateExitedEventDetails d:
                o.Set("name", d.Name).Set("output", d.Output.ToJson()).Set("outputDetails", NotTruncated);
                if (d.AssignedVariables is { } assigned)
                {
                    var variables = new JsonObjectBuilder(assigned.Count);
                    foreach (var (name, value) in assigned)
                        variables.Set(name, value.ToJson());
                    o.Set("assignedVariables", variables.Build()).Set("assignedVariablesDetails", NotTruncated);
                }

                break;
            case MapStateStartedEventDetails d:
                o.Set("length", d.Length);
                break;
            case MapIterationEventDetails d:
                o.Set("name", d.Name).Set("index", d.Index);
                break;
            case MapRunStartedEventDetails d:
                o.Set("mapRunArn", d.MapRunArn);
                break;
            case TaskScheduledEventDetails d:
                o.Set("resourceType", d.ResourceType).Set("resource", d.Resource).Set("region", d.Region).Set("parameters", d.Parameters.ToJson());
                if (d.TimeoutInSeconds is { } timeout)
                    o.Set("timeoutInSeconds", timeout);
                if (d.HeartbeatInSeconds is { } heartbeat)
                    o.Set("heartbeatInSeconds", heartbeat);
                break;
            case TaskStartedEventDetails d:
                o.Set("resourceType", d.ResourceType).Set("resource", d.Resource);
                break;
            case TaskOutputEventDetails d:
                o.Set("resourceType", d.ResourceType).Set("resource", d.Resource).Set("output", d.Output.ToJson()).Set("outputDetails", NotTruncated);
                break;
            case ResourceScheduledEventDetails d:
                o.Set("resource", d.Resource).Set("input", d.Input.ToJson()).Set("inputDetails", NotTruncated);
                if (d.TimeoutInSeconds is { } t)
                    o.Set("timeoutInSeconds", t);
                if (d.HeartbeatInSeconds is { } h)
                    o.Set("heartbeatInSeconds", h);
                break;
            case ExecutionRedrivenEventDetails d:
                o.Set("redriveCount", d.RedriveCount);
                break;
            case EvaluationFailedEventDetails d:
                o.Set("error", d.Error).Set("cause", d.Cause);
                if (d.Location is not null)
                    o.Set("location", d.Location);
                o.Set("state", d.State);
                break;
            default:
                throw new ArgumentException($"no JSON shape for {details.GetType().Name}", nameof(details));
        }

        return o.Build();
    }

    private static string[] CreateDetailsKeys()
    {
        var types = Enum.GetValues<HistoryEventType>();
        var keys = new string[types.Length];
        foreach (var type in types)
        {
            var name = type.ToString();
            keys[(int)type] = name.EndsWith("StateEntered", StringComparison.Ordinal) ? "stateEnteredEventDetails"
                : name.EndsWith("StateExited", StringComparison.Ordinal) ? "stateExitedEventDetails"
                : char.ToLowerInvariant(name[0]) + name[1..] + "EventDetails";
        }

        return keys;
    }
}
