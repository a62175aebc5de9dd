using System.Text.Json;
using SageBuild.Engine.Api;
using SageBuild.Engine.Api.Dashboard.Status;
using SageBuild.Engine.Integrations;
using SageBuild.StateMachines.Json;
using SageBuild.Tests.Conformance;
using ApiEvent = SageBuild.Engine.Api.Model.HistoryEvent;

namespace SageBuild.Tests.Engine.Api.Dashboard.Status;

/// <summary>The status of each state, folded from histories the engine really recorded (and from histories AWS recorded).</summary>
public sealed class ExecutionStateFoldTests
{
    private const string TokenTask = """{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage.waitForTaskToken","Parameters":{"QueueUrl":"q","MessageBody":{"t.$":"$$.Task.Token"}}""";

    [Test]
    public async Task A_running_execution_shows_what_is_done_what_runs_and_what_has_not_started()
    {
        var tokens = new TaskTokens();
        await using var engine = new EngineBuilder().AddIntegration(tokens).Build();
        var machine = engine.CreateStateMachine("Flow", AslJson.Parse($$$$"""
            {"StartAt":"Prepare","States":{
              "Prepare":{"Type":"Pass","Result":{"n":1},"Next":"Approve"},
              "Approve":{{{{TokenTask}}}},"Next":"Publish"},
              "Publish":{"Type":"Succeed"}}}
            """));
        var execution = await engine.StartExecutionAsync(machine.StateMachineArn, JsonValue.Parse("""{"release":"v1"}"""));
        await tokens.TokenOf("Approve");

        var states = Fold(await engine.GetExecutionHistoryAsync(execution.ExecutionArn));
        Assert.Multiple(() =>
        {
            Assert.That(states["Prepare"].Status, Is.EqualTo(StateStatus.Succeeded));
            Assert.That(states["Prepare"].Input, Is.EqualTo("""{"release":"v1"}"""));
            Assert.That(states["Prepare"].Output, Is.EqualTo("""{"n":1}"""));
            Assert.That(states["Approve"].Status, Is.EqualTo(StateStatus.InProgress));
            Assert.That(states["Approve"].Output, Is.Null);
            Assert.That(states.ContainsKey("Publish"), Is.False, "not started");
        });
        await engine.StopExecutionAsync(execution.ExecutionArn);
    }

    [Test]
    public async Task A_task_that_fails_and_succeeds_on_retry_succeeded()
    {
        var calls = 0;
        var states = await RunAsync("""
            {"StartAt":"Flaky","States":{"Flaky":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:flaky",
              "Retry":[{"ErrorEquals":["Flaky.Error"],"IntervalSeconds":1,"MaxAttempts":2}],"End":true}}}
            """, b => b.AddLambdaFunction("flaky", (payload, _) => ++calls == 1
                ? throw new LambdaFunctionException("Flaky.Error", "first call fails")
                : ValueTask.FromResult<JsonValue>(JsonObject.Create(("ok", true)))));
        Assert.Multiple(() =>
        {
            Assert.That(states["Flaky"].Status, Is.EqualTo(StateStatus.Succeeded));
            Assert.That(states["Flaky"].Visits, Is.EqualTo(1), "a retry happens within one visit");
        });
    }

    [Test]
    public async Task A_task_whose_error_a_Catch_handles_shows_a_caught_error_and_the_error()
    {
        var states = await RunAsync("""
            {"StartAt":"Train","States":{
              "Train":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:train",
                       "Catch":[{"ErrorEquals":["States.ALL"],"ResultPath":"$.error","Next":"Report"}],"Next":"Done"},
              "Report":{"Type":"Pass","End":true},
              "Done":{"Type":"Succeed"}}}
            """, b => b.AddLambdaFunction("train", (_, _) => throw new LambdaFunctionException("ModelDiverged", "loss is NaN")));
        Assert.Multiple(() =>
        {
            Assert.That(states["Train"].Status, Is.EqualTo(StateStatus.CaughtError));
            Assert.That(states["Train"].Error, Is.EqualTo("ModelDiverged"));
            Assert.That(states["Train"].Cause, Does.Contain("loss is NaN"));
            Assert.That(states["Report"].Status, Is.EqualTo(StateStatus.Succeeded));
            Assert.That(states.ContainsKey("Done"), Is.False);
        });
    }

    [Test]
    public async Task A_task_whose_error_nothing_catches_failed_with_the_execution()
    {
        var states = await RunAsync("""
            {"StartAt":"Train","States":{"Train":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:train","End":true}}}
            """, b => b.AddLambdaFunction("train", (_, _) => throw new LambdaFunctionException("ModelDiverged", "loss is NaN")));
        Assert.That((states["Train"].Status, states["Train"].Error), Is.EqualTo((StateStatus.Failed, "ModelDiverged")));
    }

    [Test]
    public async Task A_failing_branch_fails_its_Parallel_and_cancels_the_branch_still_running()
    {
        var tokens = new TaskTokens();
        var states = await RunAsync($$$$"""
            {"StartAt":"Both","States":{"Both":{"Type":"Parallel","End":true,"Branches":[
              {"StartAt":"Wait here","States":{"Wait here":{{{{TokenTask}}}},"End":true}}},
              {"StartAt":"Give up","States":{"Give up":{"Type":"Fail","Error":"Nope","Cause":"no reason"}}}]}}}
            """, b => b.AddIntegration(tokens));
        Assert.Multiple(() =>
        {
            Assert.That(states["Give up"].Status, Is.EqualTo(StateStatus.Failed));
            Assert.That(states["Both"].Status, Is.EqualTo(StateStatus.Failed));
            Assert.That(states["Wait here"].Status, Is.EqualTo(StateStatus.Cancelled));
        });
    }

    [Test]
    public async Task A_Map_counts_each_iteration_as_a_visit_of_its_states()
    {
        var states = await RunAsync("""
            {"StartAt":"Each","States":{"Each":{"Type":"Map","ItemsPath":"$.items","End":true,
              "ItemProcessor":{"ProcessorConfig":{"Mode":"INLINE"},"StartAt":"Double","States":{"Double":{"Type":"Pass","End":true}}}}}}
            """, input: """{"items":[1,2,3]}""");
        Assert.Multiple(() =>
        {
            Assert.That(states["Each"].Status, Is.EqualTo(StateStatus.Succeeded));
            Assert.That(states["Double"].Visits, Is.EqualTo(3));
            Assert.That(states["Double"].Outcomes[StateStatus.Succeeded], Is.EqualTo(3));
        });
    }

    [Test]
    public async Task A_Map_whose_iteration_fails_and_is_caught_shows_the_failed_iteration_state()
    {
        var states = await RunAsync("""
            {"StartAt":"Each","States":{
              "Each":{"Type":"Map","ItemsPath":"$.items","MaxConcurrency":1,"Catch":[{"ErrorEquals":["States.ALL"],"Next":"Recover"}],"End":true,
                "ItemProcessor":{"ProcessorConfig":{"Mode":"INLINE"},"StartAt":"Odd?","States":{
                  "Odd?":{"Type":"Choice","Choices":[{"Variable":"$","NumericEquals":2,"Next":"Bad item"}],"Default":"Fine"},
                  "Bad item":{"Type":"Fail","Error":"BadItem"},
                  "Fine":{"Type":"Pass","End":true}}}},
              "Recover":{"Type":"Pass","End":true}}}
            """, input: """{"items":[1,2,3]}""");
        Assert.Multiple(() =>
        {
            Assert.That(states["Bad item"].Status, Is.EqualTo(StateStatus.Failed));
            Assert.That(states["Each"].Status, Is.EqualTo(StateStatus.CaughtError));
            Assert.That(states["Recover"].Status, Is.EqualTo(StateStatus.Succeeded));
        });
    }

    [Test]
    public async Task Stopping_an_execution_cancels_the_state_it_was_in()
    {
        var tokens = new TaskTokens();
        await using var engine = new EngineBuilder().AddIntegration(tokens).Build();
        var machine = engine.CreateStateMachine("Flow", AslJson.Parse($$$$"""{"StartAt":"Approve","States":{"Approve":{{{{TokenTask}}}},"End":true}}}"""));
        var execution = await engine.StartExecutionAsync(machine.StateMachineArn);
        await tokens.TokenOf("Approve");
        await engine.StopExecutionAsync(execution.ExecutionArn, "Stopped", "by a test");

        var states = Fold(await engine.GetExecutionHistoryAsync(execution.ExecutionArn));
        Assert.That(states["Approve"].Status, Is.EqualTo(StateStatus.Cancelled));
    }

    [Test]
    public void Histories_recorded_on_AWS_end_with_no_state_in_progress_a_failed_state_when_the_execution_failed_and_every_failure_caught_when_it_succeeded()
    {
        var checkedHistories = 0;
        var problems = new List<string>();
        foreach (var recorded in ConformanceCases.All.Where(c => c.ExpectedHistory is { Count: > 0 } && HasEventIds(c.ExpectedHistory)))
        {
            var status = ((JsonString)recorded.Expected["status"]).Value;
            if (status is not ("SUCCEEDED" or "FAILED" or "TIMED_OUT" or "ABORTED"))
                continue; // recorded while still running
            var states = ExecutionStateFold.Fold(Recorded(recorded.ExpectedHistory!));
            checkedHistories++;
            if (states.FirstOrDefault(s => s.Status == StateStatus.InProgress) is { } open)
                problems.Add($"{recorded.Id}: '{open.Name}' is still in progress after {status}");
            // A state can fail in a successful execution only inside a Parallel or Map whose Catch took the error.
            if (status == "SUCCEEDED" && states.FirstOrDefault(s => s.Status is StateStatus.Failed or StateStatus.Cancelled) is { } bad
                && !states.Any(s => s.Status == StateStatus.CaughtError))
                problems.Add($"{recorded.Id}: '{bad.Name}' is {bad.Status} in a SUCCEEDED execution that caught nothing");
            if (status == "FAILED" && states.Count > 0 && !states.Any(s => s.Status == StateStatus.Failed))
                problems.Add($"{recorded.Id}: no state failed in a FAILED execution");
        }

        Assert.That(checkedHistories, Is.GreaterThan(200));
        Assert.That(problems, Is.Empty);
    }

    [Test]
    public void A_Fail_state_inside_a_Parallel_recorded_on_AWS_fails_the_Parallel()
    {
        var recorded = ConformanceCases.All.First(c => c.ExpectedHistory is { } h && HasEventIds(h)
            && ((JsonString)c.Expected["status"]).Value == "FAILED"
            && h.OfType<JsonObject>().Any(e => ((JsonString)e["type"]).Value == "ParallelStateFailed")
            && h.OfType<JsonObject>().Any(e => ((JsonString)e["type"]).Value == "FailStateEntered"));
        var states = ExecutionStateFold.Fold(Recorded(recorded.ExpectedHistory!)).ToDictionary(s => s.Name);
        var parallel = recorded.ExpectedHistory!.OfType<JsonObject>().First(e => ((JsonString)e["type"]).Value == "ParallelStateEntered");
        var fail = recorded.ExpectedHistory!.OfType<JsonObject>().First(e => ((JsonString)e["type"]).Value == "FailStateEntered");
        Assert.That(states[Name(parallel)].Status, Is.EqualTo(StateStatus.Failed), recorded.Id);
        Assert.That(states[Name(fail)].Status, Is.EqualTo(StateStatus.Failed), recorded.Id);
    }

    /// <summary>A few recordings replaced event ids with placeholders; their chains of events cannot be followed.</summary>
    private static bool HasEventIds(JsonArray events) =>
        events.OfType<JsonObject>().All(e => e["id"] is JsonNumber && (!e.TryGetValue("previousEventId", out var p) || p is JsonNumber));

    private static string Name(JsonObject e) => ((JsonString)((JsonObject)e["stateEnteredEventDetails"])["name"]).Value;

    private static async Task<Dictionary<string, StateSummary>> RunAsync(string asl, Action<EngineBuilder>? configure = null, string input = "{}")
    {
        var (_, history) = await EngineHarness.RunAsync(asl, input, configure);
        return Fold(history);
    }

    private static Dictionary<string, StateSummary> Fold(IReadOnlyList<SageBuild.Engine.History.HistoryEvent> history) =>
        ExecutionStateFold.Fold(ApiHistory.From(history)).ToDictionary(s => s.Name);

    /// <summary>
    /// A recorded history as the API model: recordings keep data that was a JSON object as an object (the API sends it as
    /// text) and replace timestamps with placeholders.
    /// </summary>
    private static List<ApiEvent> Recorded(JsonArray events)
    {
        var api = new List<JsonValue>();
        foreach (var e in events.OfType<JsonObject>())
        {
            var fixedEvent = e.With("timestamp", JsonNumber.From(0));
            foreach (var (key, value) in e)
            {
                if (key.EndsWith("EventDetails", StringComparison.Ordinal) && value is JsonObject details)
                    fixedEvent = fixedEvent.With(key, AsText(details));
            }

            api.Add(fixedEvent);
        }

        var text = JsonObject.Create(("events", JsonArray.Wrap([.. api]))).ToJson();
        return [.. JsonSerializer.Deserialize(text, SageBuild.Engine.Api.Model.StepFunctionsJsonContext.Default.GetExecutionHistoryOutput)!.Events];
    }

    private static JsonObject AsText(JsonObject details)
    {
        var result = details;
        foreach (var (key, value) in details)
        {
            if (key is "input" or "output" or "cause" && value is not JsonString)
                result = result.With(key, value.ToJson());
            else if (key == "assignedVariables" && value is JsonObject variables)
                result = result.With(key, JsonObject.Create([.. variables.Select(v => (v.Key, (JsonValue)(v.Value is JsonString ? v.Value : JsonString.From(v.Value.ToJson()))))]));
        }

        return result;
    }
}
