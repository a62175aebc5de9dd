using Microsoft.Extensions.Time.Testing;
using SageBuild.Engine.Api;
using SageBuild.Engine.Api.Model;
using SageBuild.Engine.Api.Service;
using SageBuild.Engine.Stores;
using ExecutionStatus = SageBuild.Engine.Stores.ExecutionStatus;

namespace SageBuild.Tests.Engine.Api.Service;

/// <summary>
/// AWS's refusals of RedriveExecution beyond the status: a history of 24,999 events or more (no room for
/// ExecutionRedriven and one more event under the 25,000 limit), an execution started more than a year ago (the maximum
/// execution time), and one ended more than 14 days ago; in the order AWS lists them, with AWS's words.
/// </summary>
public sealed class RedriveRefusalTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 3, 0, 0, TimeSpan.Zero);

    [TestCase(ExecutionStatus.FAILED, 24_998, 300, 1, null)]
    [TestCase(ExecutionStatus.FAILED, 24_999, 300, 1, "Execution history event limit exceeded.")]
    [TestCase(ExecutionStatus.TIMED_OUT, 25_000, 400, 20, "Execution history event limit exceeded.")]
    [TestCase(ExecutionStatus.ABORTED, 10, 365, 1, null)]
    [TestCase(ExecutionStatus.ABORTED, 10, 366, 1, "Execution has exceeded the max execution time.")]
    [TestCase(ExecutionStatus.FAILED, 10, 400, 20, "Execution has exceeded the max execution time.")]
    [TestCase(ExecutionStatus.FAILED, 10, 30, 15, "Execution redrivable period exceeded.")]
    [TestCase(ExecutionStatus.SUCCEEDED, 30_000, 400, 20, "Execution is SUCCEEDED and cannot be redriven.")]
    public void Redrive_is_refused_for_the_first_of_AWSs_reasons_that_applies(ExecutionStatus status, int events, int daysSinceStart, int daysSinceStop, string? reason)
    {
        var record = new ExecutionRecord("arn:aws:states:us-east-1:123456789012:execution:m:e", "arn:aws:states:us-east-1:123456789012:stateMachine:m", "e",
            "{}", status, Now.AddDays(-daysSinceStart), SageBuild.StateMachines.Json.JsonObject.Empty) { StopDate = Now.AddDays(-daysSinceStop) };
        Assert.That(WorkflowEngine.RedriveRefusal(record, events, Now), Is.EqualTo(reason));
    }

    [Test]
    public async Task An_execution_that_reached_the_history_event_limit_is_not_redrivable()
    {
        await using var engine = new EngineBuilder().Build();
        var service = new EngineStepFunctionsService(engine);
        // Four events per iteration: 6,300 items go past 25,000 events, and the execution fails there.
        const string definition = """
            {"StartAt":"Each","States":{"Each":{"Type":"Map","End":true,
              "ItemProcessor":{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}}}}
            """;
        var machine = (await service.CreateStateMachineAsync(new CreateStateMachineInput { Name = "long", Definition = definition, RoleArn = "arn:aws:iam::123456789012:role/r" })).StateMachineArn;
        var input = "[" + string.Join(",", Enumerable.Range(0, 6_300)) + "]";
        var execution = (await service.StartExecutionAsync(new StartExecutionInput { StateMachineArn = machine, Input = input })).ExecutionArn;
        var ended = await engine.WaitForExecutionAsync(execution);
        var events = (await engine.GetExecutionHistoryAsync(execution)).Count;
        var described = await service.DescribeExecutionAsync(new DescribeExecutionInput { ExecutionArn = execution });
        var refusal = Assert.ThrowsAsync<StepFunctionsException>(() => service.RedriveExecutionAsync(new RedriveExecutionInput { ExecutionArn = execution }))!;
        Assert.Multiple(() =>
        {
            Assert.That(ended.Status, Is.EqualTo(ExecutionStatus.FAILED), ended.Cause);
            Assert.That(events, Is.GreaterThanOrEqualTo(WorkflowEngine.RedrivableHistoryEvents));
            Assert.That((described.RedriveStatus, described.RedriveStatusReason), Is.EqualTo((ExecutionRedriveStatus.NotRedrivable, "Execution history event limit exceeded.")));
            Assert.That((refusal.Code, refusal.Message), Is.EqualTo(("ExecutionNotRedrivable", $"Execution {execution} cannot be redriven. Execution history event limit exceeded.")));
        });
    }

    [Test]
    public async Task An_execution_started_more_than_a_year_ago_is_not_redrivable_even_within_14_days_of_its_end()
    {
        var start = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var time = new FakeTimeProvider(start);
        await using var engine = new EngineBuilder { TimeProvider = time, Options = new EngineOptions { DefaultClock = ExecutionClock.Virtual } }.Build();
        var service = new EngineStepFunctionsService(engine, time);
        // 360 days of (virtual) waiting, then a failure: the execution ends 360 days after its start.
        const string definition = """
            {"StartAt":"Wait","States":{"Wait":{"Type":"Wait","Seconds":31104000,"Next":"Fail"},"Fail":{"Type":"Fail","Error":"Late","Cause":"too late"}}}
            """;
        var machine = (await service.CreateStateMachineAsync(new CreateStateMachineInput { Name = "slow", Definition = definition, RoleArn = "arn:aws:iam::123456789012:role/r" })).StateMachineArn;
        var execution = (await service.StartExecutionAsync(new StartExecutionInput { StateMachineArn = machine })).ExecutionArn;
        var ended = await engine.WaitForExecutionAsync(execution);
        Assert.That((ended.Status, ended.StopDate), Is.EqualTo((ExecutionStatus.FAILED, (DateTimeOffset?)start.AddDays(360))));

        time.SetUtcNow(start.AddDays(364));
        var withinAYear = await service.DescribeExecutionAsync(new DescribeExecutionInput { ExecutionArn = execution });
        time.SetUtcNow(start.AddDays(366));
        var pastAYear = await service.DescribeExecutionAsync(new DescribeExecutionInput { ExecutionArn = execution });
        var refusal = Assert.ThrowsAsync<StepFunctionsException>(() => service.RedriveExecutionAsync(new RedriveExecutionInput { ExecutionArn = execution }))!;
        Assert.Multiple(() =>
        {
            Assert.That(withinAYear.RedriveStatus, Is.EqualTo(ExecutionRedriveStatus.Redrivable));
            Assert.That((pastAYear.RedriveStatus, pastAYear.RedriveStatusReason), Is.EqualTo((ExecutionRedriveStatus.NotRedrivable, "Execution has exceeded the max execution time.")));
            Assert.That((refusal.Code, refusal.Message), Is.EqualTo(("ExecutionNotRedrivable", $"Execution {execution} cannot be redriven. Execution has exceeded the max execution time.")));
        });
    }
}
