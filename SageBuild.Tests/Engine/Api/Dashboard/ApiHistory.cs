using System.Text.Json;
using SageBuild.Engine.Api.Model;
using SageBuild.StateMachines.Json;
using EngineEvent = SageBuild.Engine.History.HistoryEvent;

namespace SageBuild.Tests.Engine.Api.Dashboard;

/// <summary>The engine's history events as GetExecutionHistory returns them (the API's model).</summary>
internal static class ApiHistory
{
    public static List<HistoryEvent> From(IReadOnlyList<EngineEvent> events)
    {
        // The engine renders GetExecutionHistory's own shape; reading it back gives the API's model of each event.
        var text = JsonObject.Create(("events", SageBuild.Engine.History.HistoryJson.ToJson(events))).ToJson();
        return [.. JsonSerializer.Deserialize(text, StepFunctionsJsonContext.Default.GetExecutionHistoryOutput)!.Events];
    }
}
