using Microsoft.Extensions.Time.Testing;
using SageBuild.Engine.Api;
using SageBuild.StateMachines.Builders;

namespace SageBuild.Tests.Engine.Api;

/// <summary>An execution started without a name is named with a time-ordered UUID (version 7) of the engine's clock.</summary>
public sealed class GeneratedExecutionNamesTests
{
    [Test]
    public async Task Names_an_execution_started_without_one_by_the_millisecond_it_started()
    {
        var start = new DateTimeOffset(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);
        var time = new FakeTimeProvider(start);
        await using var engine = new EngineBuilder { TimeProvider = time, Options = new EngineOptions { DefaultClock = ExecutionClock.Virtual } }.Build();
        var machine = engine.CreateStateMachine("Named", StateMachine.Define("Named", new Pass("P")).Build());
        var names = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            names.Add((await engine.ExecuteAsync(machine.StateMachineArn)).Name);
            time.Advance(TimeSpan.FromMilliseconds(1));
        }

        Assert.Multiple(() =>
        {
            Assert.That(names, Has.All.Match("^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$"));
            Assert.That(long.Parse(names[0][..8] + names[0][9..13], NumberStyles.HexNumber, CultureInfo.InvariantCulture), Is.EqualTo(start.ToUnixTimeMilliseconds()));
            Assert.That(names, Is.Ordered.Using((IComparer<string>)StringComparer.Ordinal), "later executions sort after earlier ones");
            Assert.That(names.Distinct().Count(), Is.EqualTo(3));
        });
    }
}
