using Microsoft.Extensions.Time.Testing;
using SageBuild.Engine.Api;
using SageBuild.Engine.Api.Model;
using SageBuild.Engine.Api.Service;
using HistoryEvent = SageBuild.Engine.History.HistoryEvent;
using HistoryEventType = SageBuild.Engine.History.HistoryEventType;
using SageBuild.Engine.Integrations;
using ExecutionRecord = SageBuild.Engine.Stores.ExecutionRecord;
using IExecutionStore = SageBuild.Engine.Stores.IExecutionStore;
using SageBuild.Engine.Stores.Sqlite;
using SageBuild.Tests.Support;

namespace SageBuild.Tests.Engine.Api.Service;

/// <summary>
/// RedriveExecution's clientToken across a restart, on a real SQLite file and two engines one after the other: within
/// AWS's 15 minutes a repeated token gets the first answer, even when the execution has failed again and could be
/// redriven; after them it redrives anew. A crash around the redrive (right after it is stored, or before) never makes
/// a retried request redrive twice.
/// </summary>
public sealed class DurableRedriveClientTokenTests
{
    private const string Definition = """
        {"StartAt":"Fails","States":{"Fails":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:fails","End":true}}}
        """;

    private static readonly DateTimeOffset Start = new(2026, 11, 26, 3, 0, 0, TimeSpan.Zero);

    [Test]
    public async Task A_repeated_Redrive_clientToken_after_a_restart_gets_the_first_answer_instead_of_a_second_redrive()
    {
        using var folder = new TemporaryDirectory();
        var database = folder.File("sagebuild.db");
        var time = new FakeTimeProvider(Start);
        string execution;
        DateTimeOffset first;
        await using (var engine = Build(database, time))
        {
            var service = new EngineStepFunctionsService(engine, time);
            var machine = (await service.CreateStateMachineAsync(new CreateStateMachineInput { Name = "fails", Definition = Definition, RoleArn = "arn:aws:iam::123456789012:role/r" })).StateMachineArn;
            execution = (await service.StartExecutionAsync(new StartExecutionInput { StateMachineArn = machine })).ExecutionArn;
            await engine.WaitForExecutionAsync(execution);
            time.Advance(TimeSpan.FromMinutes(1));
            first = (await service.RedriveExecutionAsync(new RedriveExecutionInput { ExecutionArn = execution, ClientToken = "retry-1" })).RedriveDate;
            Assert.That((await engine.WaitForExecutionAsync(execution)).Status, Is.EqualTo(SageBuild.Engine.Stores.ExecutionStatus.FAILED), "the redriven run fails again: redrivable again");
        }

        time.Advance(TimeSpan.FromMinutes(5));
        await using (var engine = Build(database, time))
        {
            await engine.ResumeAsync();
            var service = new EngineStepFunctionsService(engine, time);
            var repeated = await service.RedriveExecutionAsync(new RedriveExecutionInput { ExecutionArn = execution, ClientToken = "retry-1" });
            var described = await service.DescribeExecutionAsync(new DescribeExecutionInput { ExecutionArn = execution });
            Assert.Multiple(() =>
            {
                Assert.That(repeated.RedriveDate, Is.EqualTo(first), "the first answer");
                Assert.That((described.Status, described.RedriveCount, described.RedriveStatus), Is.EqualTo((ExecutionStatus.Failed, (int?)1, ExecutionRedriveStatus.Redrivable)), "not redriven again");
            });

            // More than 15 minutes after its first use the token is forgotten: the same call redrives again.
            time.Advance(TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(1));
            var late = await service.RedriveExecutionAsync(new RedriveExecutionInput { ExecutionArn = execution, ClientToken = "retry-1" });
            await engine.WaitForExecutionAsync(execution);
            var after = await service.DescribeExecutionAsync(new DescribeExecutionInput { ExecutionArn = execution });
            Assert.Multiple(() =>
            {
                Assert.That(late.RedriveDate, Is.EqualTo(Start.AddMinutes(16).AddSeconds(1)));
                Assert.That(after.RedriveCount, Is.EqualTo(2));
            });
        }
    }

    [Test]
    public async Task A_Redrive_after_a_restart_counts_the_redrives_before_it_once()
    {
        using var folder = new TemporaryDirectory();
        var database = folder.File("sagebuild.db");
        var time = new FakeTimeProvider(Start);
        string execution;
        await using (var engine = Build(database, time))
        {
            var machine = engine.CreateStateMachine("fails", SageBuild.StateMachines.Json.AslJson.Parse(Definition)).StateMachineArn;
            execution = (await engine.StartExecutionAsync(machine)).ExecutionArn;
            await engine.WaitForExecutionAsync(execution);
            await engine.RedriveExecutionAsync(execution);
            await engine.WaitForExecutionAsync(execution);
        }

        await using (var engine = Build(database, time))
        {
            // Nothing has read the execution's redrives since the restart when the second redrive comes.
            time.Advance(TimeSpan.FromMinutes(1));
            await engine.RedriveExecutionAsync(execution);
            await engine.WaitForExecutionAsync(execution);
            Assert.That(await engine.GetRedriveInfoAsync(execution), Is.EqualTo(new RedriveInfo(2, Start.AddMinutes(1))));
        }
    }

    [Test]
    public async Task A_Redrive_retried_after_a_crash_right_after_the_redrive_was_stored_gets_the_first_answer_not_a_second_redrive()
    {
        using var folder = new TemporaryDirectory();
        var database = folder.File("sagebuild.db");
        var time = new FakeTimeProvider(Start);
        var execution = await FailOnceAsync(database, time);

        // The redrive is stored; then the engine "crashes" before it can answer (or do anything after the store's barrier).
        time.Advance(TimeSpan.FromMinutes(1));
        var crashed = Start.AddMinutes(1);
        await RedriveAndCrashAsync(database, time, execution, crashAfterStoring: true);

        time.Advance(TimeSpan.FromMinutes(1));
        await using (var engine = Build(database, time))
        {
            // The stored redrive resumes (and fails again: redrivable again); the client, told nothing, retries.
            await engine.ResumeAsync();
            await engine.WaitForExecutionAsync(execution);
            var service = new EngineStepFunctionsService(engine, time);
            var retried = await service.RedriveExecutionAsync(new RedriveExecutionInput { ExecutionArn = execution, ClientToken = "retry-1" });
            var described = await service.DescribeExecutionAsync(new DescribeExecutionInput { ExecutionArn = execution });
            Assert.Multiple(() =>
            {
                Assert.That(retried.RedriveDate, Is.EqualTo(crashed), "the answer of the redrive stored before the crash");
                Assert.That((described.Status, described.RedriveCount), Is.EqualTo((ExecutionStatus.Failed, (int?)1)), "redriven once, not twice");
            });
        }
    }

    [Test]
    public async Task A_Redrive_retried_after_a_crash_before_the_redrive_was_stored_redrives_once()
    {
        using var folder = new TemporaryDirectory();
        var database = folder.File("sagebuild.db");
        var time = new FakeTimeProvider(Start);
        var execution = await FailOnceAsync(database, time);

        // The clientToken is remembered, then the engine "crashes" before the redrive reaches the store.
        time.Advance(TimeSpan.FromMinutes(1));
        await RedriveAndCrashAsync(database, time, execution, crashAfterStoring: false);

        time.Advance(TimeSpan.FromMinutes(1));
        await using (var engine = Build(database, time))
        {
            await engine.ResumeAsync();
            var service = new EngineStepFunctionsService(engine, time);
            Assert.That((await service.DescribeExecutionAsync(new DescribeExecutionInput { ExecutionArn = execution })).RedriveCount, Is.Zero, "nothing was redriven before the crash");
            var retried = await service.RedriveExecutionAsync(new RedriveExecutionInput { ExecutionArn = execution, ClientToken = "retry-1" });
            await engine.WaitForExecutionAsync(execution);
            var again = await service.RedriveExecutionAsync(new RedriveExecutionInput { ExecutionArn = execution, ClientToken = "retry-1" });
            var described = await service.DescribeExecutionAsync(new DescribeExecutionInput { ExecutionArn = execution });
            Assert.Multiple(() =>
            {
                Assert.That(retried.RedriveDate, Is.EqualTo(Start.AddMinutes(2)), "the token's remembered redrive never happened: the retry redrives now");
                Assert.That(again.RedriveDate, Is.EqualTo(retried.RedriveDate), "and a further repeat gets that answer");
                Assert.That(described.RedriveCount, Is.EqualTo(1));
            });
        }
    }

    // Starts the failing execution on a first engine and lets it fail; returns its ARN.
    // A RedriveExecution with clientToken "retry-1" on an engine whose store fails around storing the redrive (after it,
    // or before it), as a crash there would: the caller is told nothing but an error.
    private static async Task RedriveAndCrashAsync(string database, FakeTimeProvider time, string execution, bool crashAfterStoring)
    {
        var options = new SqliteStoreOptions { DatabasePath = database };
        await using var engine = Build(new EngineBuilder { TimeProvider = time }
            .UseDurableStores(new CrashingAroundARedrive(new SqliteExecutionStore(options), crashAfterStoring), new SqliteStateMachineStore(options))
            .UseDurableTokenStore(new SqliteTokenStore(options)));
        var service = new EngineStepFunctionsService(engine, time);
        Assert.ThrowsAsync<IOException>(() => service.RedriveExecutionAsync(new RedriveExecutionInput { ExecutionArn = execution, ClientToken = "retry-1" }));
    }

    private static async Task<string> FailOnceAsync(string database, TimeProvider time)
    {
        await using var engine = Build(database, time);
        var machine = engine.CreateStateMachine("fails", SageBuild.StateMachines.Json.AslJson.Parse(Definition)).StateMachineArn;
        var execution = (await engine.StartExecutionAsync(machine)).ExecutionArn;
        Assert.That((await engine.WaitForExecutionAsync(execution)).Status, Is.EqualTo(SageBuild.Engine.Stores.ExecutionStatus.FAILED));
        return execution;
    }

    /// <summary>
    /// The SQLite store, with a crash around a redrive: the ExecutionRedriven append fails before it reaches the store,
    /// or (<paramref name="crashAfterStoring"/>) the barrier that made it durable fails after doing so, as a process
    /// killed at that moment would leave it.
    /// </summary>
    private sealed class CrashingAroundARedrive(SqliteExecutionStore inner, bool crashAfterStoring) : IExecutionStore, IAsyncDisposable
    {
        private volatile bool _redriveHandedOver;

        public ValueTask CreateExecutionAsync(ExecutionRecord record, CancellationToken cancellationToken) => inner.CreateExecutionAsync(record, cancellationToken);

        public ValueTask AppendAsync(string executionArn, IReadOnlyList<HistoryEvent> events, ExecutionRecord? record, CancellationToken cancellationToken)
        {
            if (events.Any(e => e.Type == HistoryEventType.ExecutionRedriven))
            {
                if (!crashAfterStoring)
                    throw new IOException("crashed before the redrive was stored");
                _redriveHandedOver = true;
            }

            return inner.AppendAsync(executionArn, events, record, cancellationToken);
        }

        public async ValueTask EnsureStoredAsync(CancellationToken cancellationToken)
        {
            await inner.EnsureStoredAsync(cancellationToken);
            if (_redriveHandedOver)
                throw new IOException("crashed right after the redrive was stored");
        }

        public ValueTask<ExecutionRecord?> GetExecutionAsync(string executionArn, CancellationToken cancellationToken) => inner.GetExecutionAsync(executionArn, cancellationToken);

        public ValueTask<IReadOnlyList<HistoryEvent>> ReadHistoryAsync(string executionArn, CancellationToken cancellationToken) => inner.ReadHistoryAsync(executionArn, cancellationToken);

        public ValueTask<IReadOnlyList<ExecutionRecord>> ListExecutionsAsync(string? stateMachineArn, CancellationToken cancellationToken) => inner.ListExecutionsAsync(stateMachineArn, cancellationToken);

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }

    private static WorkflowEngine Build(string database, TimeProvider time) => Build(new EngineBuilder { TimeProvider = time }.UseSqlite(database));

    private static WorkflowEngine Build(EngineBuilder builder) => builder
        .AddLambdaFunction("fails", (_, _) => throw new LambdaFunctionException("Always.Fails", "as it always does"))
        .Build();
}
