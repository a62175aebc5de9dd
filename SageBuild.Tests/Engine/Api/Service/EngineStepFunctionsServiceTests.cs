using SageBuild.Engine.Api;
using SageBuild.Engine.Api.Model;
using SageBuild.Engine.Api.Service;
using SageBuild.Engine.Integrations;

namespace SageBuild.Tests.Engine.Api.Service;

/// <summary>The product service's own rules, called in-process on a real engine: AWS's idempotency, errors, paging and data.</summary>
public sealed class EngineStepFunctionsServiceTests
{
    private const string Role = "arn:aws:iam::123456789012:role/r";
    private const string Pass = """{"StartAt":"P","States":{"P":{"Type":"Pass","Result":{"x":1},"End":true}}}""";

    private WorkflowEngine _engine = null!;
    private EngineStepFunctionsService _service = null!;

    [SetUp]
    public void Start()
    {
        _engine = new EngineBuilder()
            .AddLambdaFunction("fails", (_, _) => throw new LambdaFunctionException("Boom", "it broke"))
            .Build();
        _service = new EngineStepFunctionsService(_engine);
    }

    [TearDown]
    public async Task Stop() => await _engine.DisposeAsync();

    [Test]
    public async Task Creating_the_same_state_machine_twice_is_idempotent_and_a_different_one_is_refused()
    {
        var first = await CreateAsync("m", Pass);
        var again = await CreateAsync("m", Pass);
        Assert.That(again, Is.EqualTo(first));
        var error = Assert.ThrowsAsync<StepFunctionsException>(() => CreateAsync("m", Definitions.Hold))!;
        Assert.That(error.Code, Is.EqualTo(StepFunctionsErrorCodes.StateMachineAlreadyExists));
    }

    [Test]
    public async Task Describe_returns_the_definition_text_as_sent_and_update_changes_it_with_a_revision()
    {
        var arn = (await CreateAsync("m", Pass)).StateMachineArn;
        var before = await _service.DescribeStateMachineAsync(new DescribeStateMachineInput { StateMachineArn = arn });
        var update = await _service.UpdateStateMachineAsync(new UpdateStateMachineInput { StateMachineArn = arn, Definition = Definitions.Hold });
        var after = await _service.DescribeStateMachineAsync(new DescribeStateMachineInput { StateMachineArn = arn });
        Assert.Multiple(() =>
        {
            Assert.That(before.Definition, Is.EqualTo(Pass));
            Assert.That(before.RevisionId, Is.Null);
            Assert.That(after.Definition, Is.EqualTo(Definitions.Hold));
            Assert.That(after.RevisionId, Is.EqualTo(update.RevisionId).And.Match("^[0-9a-f-]{36}$"));
            Assert.That(after.CreationDate, Is.EqualTo(before.CreationDate), "an update keeps the creation date");
        });
    }

    [Test]
    public async Task An_update_with_nothing_to_change_and_a_deleted_machine_give_AWS_errors()
    {
        var arn = (await CreateAsync("m", Pass)).StateMachineArn;
        var nothing = Assert.ThrowsAsync<StepFunctionsException>(() => _service.UpdateStateMachineAsync(new UpdateStateMachineInput { StateMachineArn = arn }))!;
        await _service.DeleteStateMachineAsync(new DeleteStateMachineInput { StateMachineArn = arn });
        var gone = Assert.ThrowsAsync<StepFunctionsException>(() => _service.StartExecutionAsync(new StartExecutionInput { StateMachineArn = arn }))!;
        Assert.That((nothing.Code, gone.Code), Is.EqualTo((StepFunctionsErrorCodes.MissingRequiredParameter, StepFunctionsErrorCodes.StateMachineDoesNotExist)));
        Assert.That((await _service.ListStateMachinesAsync(new ListStateMachinesInput())).StateMachines, Is.Empty);
    }

    [Test]
    public async Task A_running_execution_started_again_with_its_name_and_input_is_the_same_execution_otherwise_ExecutionAlreadyExists()
    {
        var arn = (await CreateAsync("hold", Definitions.Hold)).StateMachineArn;
        var first = await _service.StartExecutionAsync(new StartExecutionInput { StateMachineArn = arn, Name = "run", Input = """{"a":1}""" });
        var again = await _service.StartExecutionAsync(new StartExecutionInput { StateMachineArn = arn, Name = "run", Input = """{ "a" : 1 }""" });
        Assert.That(again, Is.EqualTo(first));
        var other = Assert.ThrowsAsync<StepFunctionsException>(() => _service.StartExecutionAsync(new StartExecutionInput { StateMachineArn = arn, Name = "run", Input = """{"a":2}""" }))!;
        Assert.That(other.Code, Is.EqualTo(StepFunctionsErrorCodes.ExecutionAlreadyExists));
        var badInput = Assert.ThrowsAsync<StepFunctionsException>(() => _service.StartExecutionAsync(new StartExecutionInput { StateMachineArn = arn, Input = "{not json" }))!;
        Assert.That(badInput.Code, Is.EqualTo(StepFunctionsErrorCodes.InvalidExecutionInput));
    }

    [Test]
    public async Task The_same_named_start_sent_many_times_at_once_starts_one_execution_and_answers_each_with_it()
    {
        var arn = (await CreateAsync("hold", Definitions.Hold)).StateMachineArn;
        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() =>
            _service.StartExecutionAsync(new StartExecutionInput { StateMachineArn = arn, Name = "once", Input = "{}" }))));
        Assert.That(answers.Distinct().Count(), Is.EqualTo(1));
        Assert.That((await _service.ListExecutionsAsync(new ListExecutionsInput { StateMachineArn = arn })).Executions, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Lists_executions_by_status_page_by_page_and_refuses_a_token_from_another_list()
    {
        var arn = (await CreateAsync("hold", Definitions.Hold)).StateMachineArn;
        var started = new List<string>();
        for (var i = 0; i < 5; i++)
            started.Add((await _service.StartExecutionAsync(new StartExecutionInput { StateMachineArn = arn, Name = $"run-{i}" })).ExecutionArn);
        await _service.StopExecutionAsync(new StopExecutionInput { ExecutionArn = started[0] });

        var names = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            var page = await _service.ListExecutionsAsync(new ListExecutionsInput { StateMachineArn = arn, StatusFilter = ExecutionStatus.Running, MaxResults = 2, NextToken = token });
            names.AddRange(page.Executions.Select(e => e.Name));
            token = page.NextToken;
            pages++;
        }
        while (token is not null);

        Assert.That(names, Is.EquivalentTo(new[] { "run-1", "run-2", "run-3", "run-4" }));
        Assert.That(pages, Is.EqualTo(2));
        var firstPage = await _service.ListExecutionsAsync(new ListExecutionsInput { StateMachineArn = arn, MaxResults = 2 });
        var wrong = Assert.ThrowsAsync<StepFunctionsException>(() => _service.ListStateMachinesAsync(new ListStateMachinesInput { NextToken = firstPage.NextToken }))!;
        Assert.That(wrong.Code, Is.EqualTo(StepFunctionsErrorCodes.InvalidToken));
    }

    [Test]
    public async Task Pages_the_history_in_either_order_with_or_without_its_data()
    {
        var arn = (await CreateAsync("m", Pass)).StateMachineArn;
        var execution = (await _service.StartExecutionAsync(new StartExecutionInput { StateMachineArn = arn, Input = """{"in":true}""" })).ExecutionArn;
        await _engine.WaitForExecutionAsync(execution);

        var newest = await _service.GetExecutionHistoryAsync(new GetExecutionHistoryInput { ExecutionArn = execution, ReverseOrder = true, MaxResults = 3 });
        var rest = await _service.GetExecutionHistoryAsync(new GetExecutionHistoryInput { ExecutionArn = execution, ReverseOrder = true, MaxResults = 3, NextToken = newest.NextToken });
        var bare = await _service.GetExecutionHistoryAsync(new GetExecutionHistoryInput { ExecutionArn = execution, IncludeExecutionData = false });
        Assert.Multiple(() =>
        {
            Assert.That(newest.Events.Concat(rest.Events).Select(e => e.Id), Is.EqualTo(new long[] { 4, 3, 2, 1 }));
            Assert.That(rest.NextToken, Is.Null);
            Assert.That(bare.Events[0].ExecutionStartedEventDetails!.Input, Is.Null, "no input without execution data");
            Assert.That(bare.Events[^1].ExecutionSucceededEventDetails!.Output, Is.Null, "no output without execution data");
            Assert.That(newest.Events[0].ExecutionSucceededEventDetails!.Output, Is.EqualTo("""{"x":1}"""));
        });
    }

    [Test]
    public async Task Runs_an_EXPRESS_machine_synchronously_and_refuses_a_STANDARD_one()
    {
        var express = (await _service.CreateStateMachineAsync(new CreateStateMachineInput { Name = "e", Definition = Pass, RoleArn = Role, Type = StateMachineType.Express })).StateMachineArn;
        var standard = (await CreateAsync("s", Pass)).StateMachineArn;
        var result = await _service.StartSyncExecutionAsync(new StartSyncExecutionInput { StateMachineArn = express, Input = "{}" });
        Assert.That((result.Status, result.Output), Is.EqualTo((SyncExecutionStatus.Succeeded, """{"x":1}""")));
        Assert.That(result.ExecutionArn, Does.StartWith("arn:aws:states:us-east-1:123456789012:express:e:"));
        var error = Assert.ThrowsAsync<StepFunctionsException>(() => _service.StartSyncExecutionAsync(new StartSyncExecutionInput { StateMachineArn = standard }))!;
        Assert.That(error.Code, Is.EqualTo(StepFunctionsErrorCodes.StateMachineTypeNotSupported));
    }

    [Test]
    public async Task Task_callbacks_refuse_output_that_is_not_JSON_and_tokens_nobody_waits_for()
    {
        var notJson = Assert.ThrowsAsync<StepFunctionsException>(() => _service.SendTaskSuccessAsync(new SendTaskSuccessInput { TaskToken = "t", Output = "{" }))!;
        var unknown = Assert.ThrowsAsync<StepFunctionsException>(() => _service.SendTaskSuccessAsync(new SendTaskSuccessInput { TaskToken = "t", Output = "{}" }))!;
        var heartbeat = Assert.ThrowsAsync<StepFunctionsException>(() => _service.SendTaskHeartbeatAsync(new SendTaskHeartbeatInput { TaskToken = "t" }))!;
        Assert.That((notJson.Code, unknown.Code, heartbeat.Code),
            Is.EqualTo((StepFunctionsErrorCodes.InvalidOutput, StepFunctionsErrorCodes.TaskDoesNotExist, StepFunctionsErrorCodes.TaskDoesNotExist)));
    }

    [Test]
    public async Task Redrive_is_refused_with_the_reason()
    {
        var arn = (await CreateAsync("m", Pass)).StateMachineArn;
        var execution = (await _service.StartExecutionAsync(new StartExecutionInput { StateMachineArn = arn })).ExecutionArn;
        await _engine.WaitForExecutionAsync(execution);
        var error = Assert.ThrowsAsync<StepFunctionsException>(() => _service.RedriveExecutionAsync(new RedriveExecutionInput { ExecutionArn = execution }))!;
        Assert.That(error.Code, Is.EqualTo(StepFunctionsErrorCodes.ExecutionNotRedrivable));
        Assert.That(error.Message, Does.Contain("Execution is SUCCEEDED and cannot be redriven"));
    }

    [Test]
    public async Task Tags_a_state_machine_up_to_fifty_and_answers_ResourceNotFound_for_an_unknown_one()
    {
        var arn = (await CreateAsync("m", Pass)).StateMachineArn;
        await _service.TagResourceAsync(new TagResourceInput { ResourceArn = arn, Tags = [.. Enumerable.Range(0, 50).Select(i => new Tag { Key = $"k{i:00}", Value = "v" })] });
        var tooMany = Assert.ThrowsAsync<StepFunctionsException>(() => _service.TagResourceAsync(new TagResourceInput { ResourceArn = arn, Tags = [new Tag { Key = "one-more", Value = "v" }] }))!;
        await _service.UntagResourceAsync(new UntagResourceInput { ResourceArn = arn, TagKeys = ["k00"] });
        var tags = await _service.ListTagsForResourceAsync(new ListTagsForResourceInput { ResourceArn = arn });
        var unknown = Assert.ThrowsAsync<StepFunctionsException>(() => _service.ListTagsForResourceAsync(new ListTagsForResourceInput { ResourceArn = Definitions.StateMachineArn("nobody") }))!;
        Assert.That((tooMany.Code, unknown.Code), Is.EqualTo((StepFunctionsErrorCodes.TooManyTags, StepFunctionsErrorCodes.ResourceNotFound)));
        Assert.That(tags.Tags, Has.Count.EqualTo(49));
    }

    [Test]
    public async Task Validates_a_definition_with_each_problem_at_its_pointer()
    {
        var ok = await _service.ValidateStateMachineDefinitionAsync(new ValidateStateMachineDefinitionInput { Definition = Pass });
        var bad = await _service.ValidateStateMachineDefinitionAsync(new ValidateStateMachineDefinitionInput { Definition = """{"StartAt":"Nowhere","States":{"P":{"Type":"Pass","End":true}}}""" });
        Assert.That((ok.Result, ok.Diagnostics.Count), Is.EqualTo((ValidateStateMachineDefinitionResultCode.Ok, 0)));
        Assert.That(bad.Result, Is.EqualTo(ValidateStateMachineDefinitionResultCode.Fail));
        Assert.That(bad.Diagnostics.Select(d => d.Severity), Has.All.EqualTo(ValidateStateMachineDefinitionSeverity.Error));
        Assert.That(bad.Diagnostics.Select(d => d.Location), Has.Some.EqualTo("/StartAt"));
    }

    [Test]
    public async Task Tests_a_state_and_reports_its_output_and_next_state()
    {
        var choice = await _service.TestStateAsync(new TestStateInput
        {
            Definition = """{"Type":"Choice","Choices":[{"Variable":"$.n","NumericGreaterThan":1,"Next":"Big"}],"Default":"Small"}""",
            RoleArn = Role,
            Input = """{"n":5}""",
        });
        var pass = await _service.TestStateAsync(new TestStateInput { Definition = """{"Type":"Pass","Parameters":{"m.$":"$.n"},"Next":"After"}""", RoleArn = Role, Input = """{"n":5}""" });
        var caught = await _service.TestStateAsync(new TestStateInput
        {
            Definition = """{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:fails","Catch":[{"ErrorEquals":["States.ALL"],"Next":"Recover"}],"End":true}""",
            RoleArn = Role,
        });
        var failed = await _service.TestStateAsync(new TestStateInput
        {
            Definition = """{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:fails","Retry":[{"ErrorEquals":["States.ALL"]}],"End":true}""",
            RoleArn = Role,
        });
        Assert.Multiple(() =>
        {
            Assert.That((choice.Status, choice.NextState, choice.Output), Is.EqualTo((TestExecutionStatus.Succeeded, "Big", """{"n":5}""")));
            Assert.That((pass.Status, pass.NextState, pass.Output), Is.EqualTo((TestExecutionStatus.Succeeded, "After", """{"m":5}""")));
            Assert.That((caught.Status, caught.NextState, caught.Error), Is.EqualTo((TestExecutionStatus.CaughtError, "Recover", "Boom")));
            Assert.That((failed.Status, failed.Error), Is.EqualTo((TestExecutionStatus.Retriable, "Boom")));
            Assert.That(failed.Cause, Is.EqualTo("""{"errorMessage":"it broke","errorType":"Boom"}"""), "a Lambda function's error, as AWS reports it");
        });
        Assert.That((await _service.ListStateMachinesAsync(new ListStateMachinesInput())).StateMachines, Is.Empty, "TestState leaves no state machine behind");
    }

    private Task<CreateStateMachineOutput> CreateAsync(string name, string definition) =>
        _service.CreateStateMachineAsync(new CreateStateMachineInput { Name = name, Definition = definition, RoleArn = Role });
}
