using System.Collections.Concurrent;
using System.Diagnostics;
using SageBuild.Engine.Api;
using SageBuild.Engine.Integrations;
using SageBuild.Engine.Stores.Sqlite;
using SageBuild.StateMachines.Json;

namespace SageBuild.Tests.Engine.Stores.Sqlite;

/// <summary>
/// Durable engines whose distributed-Map children ask for an answer (the Lambda function "ask", with a task token and
/// their item), and the waits of tests that answer them across a restart.
/// </summary>
internal static class AskingChildren
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    /// <summary>An engine on the SQLite file <paramref name="database"/> whose "ask" function queues each item and token.</summary>
    public static WorkflowEngine Durable(string database, ConcurrentQueue<(int Item, string Token)> asked) =>
        new EngineBuilder().UseSqlite(database).AddLambdaFunction("ask", Ask(asked)).Build();

    /// <summary>The function "ask": queues each item with its token, and answers nothing (the child waits for its token).</summary>
    public static LambdaFunctionHandler Ask(ConcurrentQueue<(int Item, string Token)> asked) => (payload, _) =>
    {
        var request = (JsonObject)payload;
        asked.Enqueue(((int)((JsonNumber)request["item"]).Value, ((JsonString)request["token"]).Value));
        return ValueTask.FromResult(JsonValue.Null);
    };

    /// <summary>The <paramref name="skip"/>-th ask (from 0) for <paramref name="item"/>, once it has come.</summary>
    public static async Task<(int Item, string Token)> AskedAsync(ConcurrentQueue<(int Item, string Token)> asked, int item, int skip = 0)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (asked.Where(a => a.Item == item).Skip(skip).FirstOrDefault() is { Token: not null } ask)
                return ask;
            if (clock.Elapsed > Patience)
                Assert.Fail($"item {item} was not asked within {Patience}");
            await Task.Delay(10);
        }
    }

    /// <summary>
    /// Answers <paramref name="token"/> with <paramref name="output"/>. A resumed child waits again for its token only
    /// once its replay reaches the wait: until then the token is unknown, and this tries again.
    /// </summary>
    public static async Task AnswerAsync(WorkflowEngine engine, string token, string output = "{}")
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                await engine.SendTaskSuccessAsync(token, JsonValue.Parse(output));
                return;
            }
            catch (StepFunctionsException e) when (e.Code == "TaskDoesNotExist" && clock.Elapsed < Patience)
            {
                await Task.Delay(10);
            }
        }
    }
}
