using System.Diagnostics;
using SageBuild.Engine.Api;
using SageBuild.Engine.History;

namespace SageBuild.Tests.Engine.Stores.Sqlite;

/// <summary>Waits until a durable engine has recorded an event, as the restart tests do before they stop the engine.</summary>
internal static class RecordedHistory
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    /// <summary>Polls the execution's history until it holds <paramref name="count"/> events of <paramref name="type"/>; fails after 30 s.</summary>
    public static async Task UntilRecordedAsync(WorkflowEngine engine, string executionArn, HistoryEventType type, int count = 1)
    {
        var clock = Stopwatch.StartNew();
        while ((await engine.GetExecutionHistoryAsync(executionArn)).Count(e => e.Type == type) < count)
        {
            if (clock.Elapsed > Patience)
                Assert.Fail($"{executionArn} did not record {count} {type} within {Patience}");
            await Task.Delay(10);
        }
    }
}
