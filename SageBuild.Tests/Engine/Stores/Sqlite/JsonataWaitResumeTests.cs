using System.Diagnostics;
using SageBuild.Engine.Api;
using SageBuild.Engine.History;
using SageBuild.Engine.Stores;
using SageBuild.Engine.Stores.Sqlite;
using SageBuild.StateMachines.Json;
using SageBuild.Tests.Support;

namespace SageBuild.Tests.Engine.Stores.Sqlite;

/// <summary>A JSONata Wait across a restart on a real SQLite file resumes as a JSONPath Wait does.</summary>
public sealed class JsonataWaitResumeTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Test]
    public async Task Resumes_a_JSONata_wait_with_the_time_left_and_does_not_wait_a_finished_one_again()
    {
        using var folder = new TemporaryDirectory();
        var database = folder.File("sagebuild.db");
        const string definition = """
            {"QueryLanguage":"JSONata","StartAt":"Short","States":{
              "Short":{"Type":"Wait","Seconds":"{% $states.input.short %}","Next":"Long"},
              "Long":{"Type":"Wait","Seconds":2,"Next":"After"},
              "After":{"Type":"Pass","Output":"done","End":true}}}
            """;
        string arn;
        await using (var first = new EngineBuilder().UseSqlite(database).Build())
        {
            var machine = first.CreateStateMachine("Napper", AslJson.Parse(definition));
            arn = (await first.StartExecutionAsync(machine.StateMachineArn, JsonValue.Parse("""{"short":1}"""))).ExecutionArn;
            var clock = Stopwatch.StartNew();
            while ((await first.GetExecutionHistoryAsync(arn)).Count(e => e.Type == HistoryEventType.WaitStateEntered) < 2)
            {
                Assert.That(clock.Elapsed, Is.LessThan(Patience), "the second Wait was not entered");
                await Task.Delay(20);
            }

            await Task.Delay(700);
        }

        await using var second = new EngineBuilder().UseSqlite(database).Build();
        var resumedAt = Stopwatch.StartNew();
        await second.ResumeAsync();
        var result = await second.WaitForExecutionAsync(arn).WaitAsync(Patience);
        Assert.That((result.Status, result.Output), Is.EqualTo((ExecutionStatus.SUCCEEDED, (JsonValue?)JsonValue.Parse("\"done\""))));
        Assert.That(resumedAt.Elapsed, Is.LessThan(TimeSpan.FromSeconds(1.9)), "the finished Wait is not waited again, the other only for its time left");
        var history = await second.GetExecutionHistoryAsync(arn);
        var entered = history.Last(e => e.Type == HistoryEventType.WaitStateEntered);
        var exited = history.Last(e => e.Type == HistoryEventType.WaitStateExited);
        Assert.That((exited.Timestamp - entered.Timestamp).TotalSeconds, Is.InRange(1.95, 3.0), "the Wait fires at its entered time plus its seconds");
    }
}
