using SageBuild.Engine.Api;
using SageBuild.Engine.Api.Model;
using SageBuild.Engine.Api.Service;
using SageBuild.Engine.Stores.Sqlite;
using SageBuild.Tests.Support;

namespace SageBuild.Tests.Engine.Api.Service;

/// <summary>
/// What the service keeps across a restart on a real SQLite file (a state machine's text as sent, tags, revision, dates),
/// and the open-executions limit.
/// </summary>
public sealed class ServiceDurabilityAndLimitsTests
{
    private const string Role = "arn:aws:iam::123456789012:role/r";

    // Spaced and ordered as a person writes it: the engine's own rewrite would differ.
    private const string Spaced = """
        {
          "Comment": "as sent",
          "StartAt": "P",
          "States": { "P": { "Type": "Pass", "End": true } }
        }
        """;

    [Test]
    public async Task A_state_machines_text_tags_revision_and_dates_survive_a_restart_on_sqlite()
    {
        using var folder = new TemporaryDirectory();
        var database = folder.File("sagebuild.db");
        string arn;
        DescribeStateMachineOutput before;
        await using (var engine = new EngineBuilder().UseSqlite(database).Build())
        {
            var service = new EngineStepFunctionsService(engine);
            arn = (await service.CreateStateMachineAsync(new CreateStateMachineInput
            {
                Name = "kept", Definition = Definitions.Hold, RoleArn = Role,
                Tags = [new Tag { Key = "team", Value = "ml" }, new Tag { Key = "stage", Value = "dev" }],
                TracingConfiguration = new TracingConfiguration { Enabled = true },
            })).StateMachineArn;
            await Task.Delay(20); // so that the update's date differs from the creation's
            await service.UpdateStateMachineAsync(new UpdateStateMachineInput { StateMachineArn = arn, Definition = Spaced });
            await service.UntagResourceAsync(new UntagResourceInput { ResourceArn = arn, TagKeys = ["stage"] });
            before = await service.DescribeStateMachineAsync(new DescribeStateMachineInput { StateMachineArn = arn });
        }

        await using (var engine = new EngineBuilder().UseSqlite(database).Build())
        {
            var service = new EngineStepFunctionsService(engine);
            var after = await service.DescribeStateMachineAsync(new DescribeStateMachineInput { StateMachineArn = arn });
            var tags = await service.ListTagsForResourceAsync(new ListTagsForResourceInput { ResourceArn = arn });
            var listed = await service.ListStateMachinesAsync(new ListStateMachinesInput());
            var execution = (await service.StartExecutionAsync(new StartExecutionInput { StateMachineArn = arn })).ExecutionArn;
            var forExecution = await service.DescribeStateMachineForExecutionAsync(new DescribeStateMachineForExecutionInput { ExecutionArn = execution });
            Assert.Multiple(() =>
            {
                Assert.That(after.Definition, Is.EqualTo(Spaced), "the text exactly as sent");
                Assert.That(after.RevisionId, Is.EqualTo(before.RevisionId).And.Not.Null);
                Assert.That(after.CreationDate, Is.EqualTo(before.CreationDate));
                Assert.That(after.TracingConfiguration, Is.EqualTo(new TracingConfiguration { Enabled = true }));
                Assert.That(tags.Tags!.Select(t => (t.Key, t.Value)), Is.EqualTo(new[] { ("team", "ml") }));
                Assert.That(listed.StateMachines.Single().CreationDate, Is.EqualTo(before.CreationDate));
                Assert.That(forExecution.UpdateDate, Is.GreaterThan(before.CreationDate), "the update date survives too");
                Assert.That(forExecution.Definition, Is.EqualTo(Spaced));
            });
        }
    }

    [Test]
    public async Task A_deleted_machine_leaves_no_attributes_for_one_created_again_under_its_name()
    {
        using var folder = new TemporaryDirectory();
        var database = folder.File("sagebuild.db");
        await using (var engine = new EngineBuilder().UseSqlite(database).Build())
        {
            var service = new EngineStepFunctionsService(engine);
            var arn = (await service.CreateStateMachineAsync(new CreateStateMachineInput
            {
                Name = "again", Definition = Spaced, RoleArn = Role, Tags = [new Tag { Key = "old", Value = "yes" }],
            })).StateMachineArn;
            await service.DeleteStateMachineAsync(new DeleteStateMachineInput { StateMachineArn = arn });
            engine.CreateStateMachine("again", SageBuild.StateMachines.Json.AslJson.Parse(Definitions.Hold));
        }

        await using (var engine = new EngineBuilder().UseSqlite(database).Build())
        {
            var service = new EngineStepFunctionsService(engine);
            var arn = engine.ListStateMachines().Single().StateMachineArn;
            var tags = await service.ListTagsForResourceAsync(new ListTagsForResourceInput { ResourceArn = arn });
            var described = await service.DescribeStateMachineAsync(new DescribeStateMachineInput { StateMachineArn = arn });
            Assert.That(tags.Tags, Is.Empty);
            Assert.That(described.Definition, Does.Not.Contain("as sent"));
        }
    }

    [Test]
    public async Task Past_the_open_executions_limit_StartExecution_answers_ExecutionLimitExceeded_until_one_ends()
    {
        await using var engine = new EngineBuilder { Options = new EngineOptions { MaxOpenExecutions = 2 } }.Build();
        var service = new EngineStepFunctionsService(engine);
        var hold = (await service.CreateStateMachineAsync(new CreateStateMachineInput { Name = "hold", Definition = Definitions.Hold, RoleArn = Role })).StateMachineArn;
        var express = (await service.CreateStateMachineAsync(new CreateStateMachineInput
        {
            Name = "quick", Definition = """{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}""", RoleArn = Role, Type = StateMachineType.Express,
        })).StateMachineArn;
        var first = (await service.StartExecutionAsync(new StartExecutionInput { StateMachineArn = hold })).ExecutionArn;
        await service.StartExecutionAsync(new StartExecutionInput { StateMachineArn = hold });
        var refused = Assert.ThrowsAsync<StepFunctionsException>(() => service.StartExecutionAsync(new StartExecutionInput { StateMachineArn = hold }))!;
        var sync = await service.StartSyncExecutionAsync(new StartSyncExecutionInput { StateMachineArn = express });
        await service.StopExecutionAsync(new StopExecutionInput { ExecutionArn = first });
        var afterStop = await service.StartExecutionAsync(new StartExecutionInput { StateMachineArn = hold });
        Assert.Multiple(() =>
        {
            Assert.That(refused.Code, Is.EqualTo(StepFunctionsErrorCodes.ExecutionLimitExceeded));
            Assert.That(refused.Message, Does.Contain("2"));
            Assert.That(sync.Status, Is.EqualTo(SyncExecutionStatus.Succeeded), "Express executions do not count, as on AWS");
            Assert.That(afterStop.ExecutionArn, Is.Not.Null, "a stopped execution frees its place");
        });
    }

    [Test]
    public void The_limit_must_be_positive()
    {
        var builder = new EngineBuilder { Options = new EngineOptions { MaxOpenExecutions = 0 } };
        Assert.That(() => builder.Build(), Throws.ArgumentException.With.Message.Contains("MaxOpenExecutions"));
    }
}
