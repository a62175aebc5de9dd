using SageBuild.Engine.Api;
using SageBuild.Engine.History;
using SageBuild.Engine.Stores;
using SageBuild.StateMachines.Json;

namespace SageBuild.Tests.Engine;

/// <summary>Runs a definition given as ASL text on a fresh engine, and reads what a user would see.</summary>
internal static class EngineHarness
{
    public static async Task<(ExecutionRecord Result, IReadOnlyList<HistoryEvent> History)> RunAsync(
        string asl, string input = "{}", Action<EngineBuilder>? configure = null, StartExecutionOptions? options = null, ExecutionClock clock = ExecutionClock.Virtual)
    {
        var builder = new EngineBuilder { Options = new EngineOptions { DefaultClock = clock } };
        configure?.Invoke(builder);
        await using var engine = builder.Build();
        var result = await engine.ExecuteAsync(AslJson.Parse(asl), JsonValue.Parse(input), options).WaitAsync(TimeSpan.FromSeconds(60));
        return (result, await engine.GetExecutionHistoryAsync(result.ExecutionArn));
    }

    public static string Types(IReadOnlyList<HistoryEvent> history) => string.Join(",", history.Select(e => e.Type.ToString()));
}
