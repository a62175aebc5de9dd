using Microsoft.Extensions.Time.Testing;
using SageBuild.Engine.Api;
using SageBuild.Engine.Api.Model;
using SageBuild.Engine.Api.Service;
using SageBuild.Engine.Integrations;
using SageBuild.Engine.Stores.Sqlite;
using SageBuild.Tests.Support;

namespace SageBuild.Tests.Engine.Api.Service;

/// <summary>
/// RedriveExecution's clientToken across a restart, on a real SQLite file and two engines one after the other: within
/// AWS's 15 minutes a repeated token gets the first answer, even when the execution has failed again and could be
/// redriven; after them it redrives anew.
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

    private static WorkflowEngine Build(string database, TimeProvider time) => new EngineBuilder { TimeProvider = time }
        .UseSqlite(database)
        .AddLambdaFunction("fails", (_, _) => throw new LambdaFunctionException("Always.Fails", "as it always does"))
        .Build();
}
