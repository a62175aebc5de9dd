using System.Text.Json;
using SageBuild.Engine.Api.Model;
using SageBuild.Engine.History;
using SageBuild.StateMachines.Json;
using EngineEvent = SageBuild.Engine.History.HistoryEvent;

namespace SageBuild.Engine.Api.Service;

/// <summary>GetExecutionHistory: the engine's own events, paged, in either order, with or without their data.</summary>
public sealed partial class EngineStepFunctionsService
{
    /// <inheritdoc />
    public async Task<GetExecutionHistoryOutput> GetExecutionHistoryAsync(GetExecutionHistoryInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        await FindExecutionAsync(input.ExecutionArn, cancellationToken).ConfigureAwait(false);
        IReadOnlyList<EngineEvent> events = WithRedriveCounts(await Store.ReadHistoryAsync(input.ExecutionArn, cancellationToken).ConfigureAwait(false));
        var reverse = input.ReverseOrder == true;
        if (reverse)
            events = [.. events.Reverse()];
        var scope = $"GetExecutionHistory|{input.ExecutionArn}|{reverse}";
        var (page, next) = PageToken.Page(events, input.MaxResults, input.NextToken, scope);
        return new GetExecutionHistoryOutput { Events = ToApi(page, input.IncludeExecutionData ?? true), NextToken = next };
    }

    /// <summary>The history with each ExecutionRedriven event's redriveCount, which the store does not keep (it is the event's rank).</summary>
    private static IReadOnlyList<EngineEvent> WithRedriveCounts(IReadOnlyList<EngineEvent> events)
    {
        if (!events.Any(e => e.Type == History.HistoryEventType.ExecutionRedriven))
            return events;
        var count = 0;
        return [.. events.Select(e => e.Type == History.HistoryEventType.ExecutionRedriven ? e with { Details = new History.ExecutionRedrivenEventDetails(++count) } : e)];
    }

    /// <summary>
    /// The engine's events in the API's model. The engine renders GetExecutionHistory's own JSON shape, so reading that
    /// back gives exactly what AWS sends, detail for detail.
    /// </summary>
    private static IReadOnlyList<Model.HistoryEvent> ToApi(List<EngineEvent> events, bool includeData)
    {
        if (events.Count == 0)
            return [];
        var rendered = HistoryJson.ToJson(events);
        JsonValue array = includeData ? rendered : JsonArray.Create(rendered.Select(e => WithoutData((JsonObject)e)));
        var text = JsonObject.Create(("events", array)).ToJson();
        return JsonSerializer.Deserialize(text, StepFunctionsJsonContext.Default.GetExecutionHistoryOutput)!.Events;
    }

    /// <summary>An event without the input and output of its details (includeExecutionData: false).</summary>
    private static JsonObject WithoutData(JsonObject historyEvent)
    {
        var result = historyEvent;
        foreach (var (key, value) in historyEvent)
        {
            if (value is JsonObject details && key.EndsWith("EventDetails", StringComparison.Ordinal))
                result = result.With(key, details.Without("input").Without("output"));
        }

        return result;
    }
}
