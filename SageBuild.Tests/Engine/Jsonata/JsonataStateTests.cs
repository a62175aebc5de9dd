using SageBuild.Engine.History;
using SageBuild.Engine.Integrations;
using SageBuild.Engine.Stores;
using SageBuild.StateMachines.Json;

namespace SageBuild.Tests.Engine.Jsonata;

/// <summary>
/// JSONata states on the engine: <c>$states</c> in each field, variables shared with JSONPath states and scoped as AWS
/// documents, Retry and Catch, and States.QueryEvaluationError with its EvaluationFailed event.
/// </summary>
public sealed class JsonataStateTests
{
    private const string FunctionArn = "arn:aws:lambda:us-east-1:123456789012:function:score";

    private static string Fn(string asl) => asl.Replace("FN", FunctionArn, StringComparison.Ordinal);

    private static JsonObject Out(ExecutionRecord result) => (JsonObject)result.Output!;

    [Test]
    public async Task A_Task_gets_its_Arguments_and_its_Output_and_Assign_see_the_input_and_the_result()
    {
        JsonValue? received = null;
        var (result, history) = await EngineHarness.RunAsync(Fn("""
            {"QueryLanguage":"JSONata","StartAt":"T","States":{
              "T":{"Type":"Task","Resource":"FN","Arguments":{"x":"{% $states.input.x * 10 %}","fixed":"{ not an expression }"},
                   "Assign":{"seen":"{% $states.result.score %}"},
                   "Output":{"input":"{% $states.input.x %}","score":"{% $states.result.score %}"},"Next":"P"},
              "P":{"Type":"Pass","Output":{"seen":"{% $seen %}"},"End":true}}}
            """), """{"x":2}""",
            b => b.AddLambdaFunction("score", (payload, _) =>
            {
                received = payload;
                return ValueTask.FromResult<JsonValue>(JsonObject.Create(("score", ((JsonNumber)((JsonObject)payload)["x"]).Value + 1)));
            }));
        var exited = (StateExitedEventDetails)history.First(e => e.Type == HistoryEventType.TaskStateExited).Details!;
        Assert.Multiple(() =>
        {
            Assert.That(received, Is.EqualTo(JsonValue.Parse("""{"x":20,"fixed":"{ not an expression }"}""")));
            Assert.That(exited.Output, Is.EqualTo(JsonValue.Parse("""{"input":2,"score":21}""")));
            Assert.That(exited.AssignedVariables, Is.EqualTo(JsonValue.Parse("""{"seen":21}""")));
            Assert.That(result.Output, Is.EqualTo(JsonValue.Parse("""{"seen":21}""")));
        });
    }

    [Test]
    public async Task A_Task_without_Output_passes_its_result_on()
    {
        var (result, _) = await EngineHarness.RunAsync(Fn("""{"QueryLanguage":"JSONata","StartAt":"T","States":{"T":{"Type":"Task","Resource":"FN","End":true}}}"""), """{"x":1}""",
            b => b.AddLambdaFunction("score", (_, _) => ValueTask.FromResult<JsonValue>("result")));
        Assert.That(result.Output, Is.EqualTo((JsonValue)"result"));
    }

    [Test]
    public async Task A_Catcher_gives_its_Output_and_Assign_the_error_output_and_the_state_input()
    {
        var (result, history) = await EngineHarness.RunAsync(Fn("""
            {"QueryLanguage":"JSONata","StartAt":"T","States":{
              "T":{"Type":"Task","Resource":"FN","Retry":[{"ErrorEquals":["Flaky"],"IntervalSeconds":1,"MaxAttempts":1}],
                   "Catch":[{"ErrorEquals":["Model.Diverged"],"Next":"Recover",
                             "Assign":{"lastError":"{% $states.errorOutput.Error %}"},
                             "Output":{"run":"{% $states.input.run %}","cause":"{% $states.errorOutput.Cause %}"}}],"End":true},
              "Recover":{"Type":"Pass","Output":{"run":"{% $states.input.run %}","error":"{% $lastError %}"},"End":true}}}
            """), """{"run":7}""",
            b => b.AddLambdaFunction("score", (_, _) => throw new LambdaFunctionException("Model.Diverged", "loss is NaN")));
        Assert.Multiple(() =>
        {
            Assert.That(result.Output, Is.EqualTo(JsonValue.Parse("""{"run":7,"error":"Model.Diverged"}""")));
            Assert.That(history.Count(e => e.Type == HistoryEventType.LambdaFunctionScheduled), Is.EqualTo(1), "the retrier matches another error");
        });
    }

    [Test]
    public async Task A_Catcher_without_Output_passes_the_error_output_on()
    {
        var (result, _) = await EngineHarness.RunAsync(Fn("""
            {"QueryLanguage":"JSONata","StartAt":"T","States":{
              "T":{"Type":"Task","Resource":"FN","Catch":[{"ErrorEquals":["States.ALL"],"Next":"Done"}],"End":true},
              "Done":{"Type":"Succeed"}}}
            """), "{}", b => b.AddLambdaFunction("score", (_, _) => throw new LambdaFunctionException("Boom", "why")));
        Assert.That(result.Output!.ToJson(), Does.StartWith("""{"Error":"Boom","Cause":"""));
    }

    [Test]
    public async Task An_expression_that_fails_records_EvaluationFailed_and_a_Catcher_can_take_States_QueryEvaluationError()
    {
        var (result, history) = await EngineHarness.RunAsync(Fn("""
            {"QueryLanguage":"JSONata","StartAt":"T","States":{
              "T":{"Type":"Task","Resource":"FN","Arguments":{"x":"{% $states.input.missing %}"},
                   "Catch":[{"ErrorEquals":["States.QueryEvaluationError"],"Next":"Done"}],"End":true},
              "Done":{"Type":"Pass","End":true}}}
            """), "{}", b => b.AddLambdaFunction("score", (_, _) => ValueTask.FromResult<JsonValue>("never")));
        var failed = history.Single(e => e.Type == HistoryEventType.EvaluationFailed);
        var details = (EvaluationFailedEventDetails)failed.Details!;
        Assert.Multiple(() =>
        {
            Assert.That(result.Status, Is.EqualTo(ExecutionStatus.SUCCEEDED));
            Assert.That(details.Location, Is.EqualTo("Arguments/x"));
            Assert.That(details.State, Is.EqualTo("T"));
            Assert.That(details.Cause, Is.EqualTo("An error occurred while executing the state 'T' (entered at the event id #2). " +
                "The JSONata expression '$states.input.missing' specified for the field 'Arguments/x' returned nothing (undefined)."));
            Assert.That(((JsonObject)result.Output!)["Error"], Is.EqualTo((JsonValue)"States.QueryEvaluationError"));
            Assert.That(history.Any(e => e.Type == HistoryEventType.LambdaFunctionScheduled), Is.False, "the task is not called with a broken request");
        });
    }

    [Test]
    public async Task A_Choice_condition_that_does_not_give_a_boolean_fails_the_state()
    {
        var (result, _) = await EngineHarness.RunAsync("""
            {"QueryLanguage":"JSONata","StartAt":"C","States":{
              "C":{"Type":"Choice","Choices":[{"Condition":"{% $states.input.n %}","Next":"Done"}],"Default":"Done"},
              "Done":{"Type":"Succeed"}}}
            """, """{"n":3}""");
        Assert.Multiple(() =>
        {
            Assert.That(result.Error, Is.EqualTo("States.QueryEvaluationError"));
            Assert.That(result.Cause, Does.EndWith("The JSONata expression '$states.input.n' specified for the field 'Condition' returned an unexpected result type. Expected 'boolean', but was 'number' for value: 3"));
        });
    }

    [Test]
    public async Task A_Choice_takes_the_first_true_rule_with_its_own_Output_and_Assign_else_Default_with_the_states()
    {
        const string asl = """
            {"QueryLanguage":"JSONata","StartAt":"C","States":{
              "C":{"Type":"Choice","Output":{"via":"default"},"Assign":{"route":"default"},
                   "Choices":[{"Condition":"{% $states.input.n > 10 %}","Next":"Done","Output":{"via":"big"},"Assign":{"route":"{% 'big ' & $states.input.n %}"}},
                              {"Condition":"{% $states.input.n > 5 %}","Next":"Done"}],"Default":"Done"},
              "Done":{"Type":"Pass","Output":{"in":"{% $states.input %}","route":"{% $exists($route) ? $route : 'none' %}"},"End":true}}}
            """;
        var big = (await EngineHarness.RunAsync(asl, """{"n":11}""")).Result;
        var middle = (await EngineHarness.RunAsync(asl, """{"n":6}""")).Result;
        var small = (await EngineHarness.RunAsync(asl, """{"n":1}""")).Result;
        Assert.Multiple(() =>
        {
            Assert.That(big.Output, Is.EqualTo(JsonValue.Parse("""{"in":{"via":"big"},"route":"big 11"}""")));
            Assert.That(middle.Output, Is.EqualTo(JsonValue.Parse("""{"in":{"via":"default"},"route":"none"}""")), "a rule without Output takes the state's");
            Assert.That(small.Output, Is.EqualTo(JsonValue.Parse("""{"in":{"via":"default"},"route":"default"}""")));
        });
    }

    [Test]
    public async Task Assign_and_Output_of_one_state_see_the_variables_as_they_were_when_it_was_entered()
    {
        var (result, _) = await EngineHarness.RunAsync("""
            {"QueryLanguage":"JSONata","StartAt":"A","States":{
              "A":{"Type":"Pass","Assign":{"n":1},"Next":"B"},
              "B":{"Type":"Pass","Assign":{"n":"{% $n + 1 %}"},"Output":{"before":"{% $n %}"},"Next":"C"},
              "C":{"Type":"Pass","Output":{"before":"{% $states.input.before %}","after":"{% $n %}"},"End":true}}}
            """);
        Assert.That(result.Output, Is.EqualTo(JsonValue.Parse("""{"before":1,"after":2}""")));
    }

    [Test]
    public async Task Variables_flow_between_JSONPath_and_JSONata_states_in_a_mixed_definition()
    {
        var (result, _) = await EngineHarness.RunAsync("""
            {"StartAt":"Path","States":{
              "Path":{"Type":"Pass","Assign":{"model.$":"$.model","fromPath":true},"Next":"Ata"},
              "Ata":{"Type":"Pass","QueryLanguage":"JSONata","Assign":{"upper":"{% $uppercase($model) %}"},"Output":{"m":"{% $model %}","p":"{% $fromPath %}"},"Next":"Back"},
              "Back":{"Type":"Pass","Parameters":{"upper.$":"$upper","m.$":"$.m"},"End":true}}}
            """, """{"model":"xgb"}""");
        Assert.That(result.Output, Is.EqualTo(JsonValue.Parse("""{"upper":"XGB","m":"xgb"}""")));
    }

    [Test]
    public async Task Variables_assigned_by_a_JSONPath_Wait_are_read_by_a_JSONata_state()
    {
        var (result, _) = await EngineHarness.RunAsync("""
            {"StartAt":"W","States":{
              "W":{"Type":"Wait","Seconds":1,"Assign":{"waited.$":"$.reason"},"Next":"Ata"},
              "Ata":{"Type":"Pass","QueryLanguage":"JSONata","Output":"{% $waited %}","End":true}}}
            """, """{"reason":"cool-down"}""");
        Assert.That(result.Output, Is.EqualTo((JsonValue)"cool-down"));
    }

    [Test]
    public async Task A_Map_evaluates_Items_ItemSelector_and_MaxConcurrency_and_its_Output_sees_the_results()
    {
        var (result, history) = await EngineHarness.RunAsync("""
            {"QueryLanguage":"JSONata","StartAt":"M","States":{
              "M":{"Type":"Map","Items":"{% $states.input.models[size > 1] %}","MaxConcurrency":"{% $states.input.lanes %}",
                   "ItemSelector":{"name":"{% $states.context.Map.Item.Value.name %}","index":"{% $states.context.Map.Item.Index %}","region":"{% $states.input.region %}"},
                   "ItemProcessor":{"ProcessorConfig":{"Mode":"INLINE"},"StartAt":"Each","States":{
                     "Each":{"Type":"Pass","Output":"{% $states.input.name & '@' & $states.input.region & '#' & $states.input.index %}","End":true}}},
                   "Output":{"count":"{% $count($states.result) %}","all":"{% $states.result %}"},"End":true}}}
            """, """{"lanes":2,"region":"eu","models":[{"name":"a","size":1},{"name":"b","size":2},{"name":"c","size":3}]}""");
        var started = (MapStateStartedEventDetails)history.Single(e => e.Type == HistoryEventType.MapStateStarted).Details!;
        Assert.Multiple(() =>
        {
            Assert.That(result.Output, Is.EqualTo(JsonValue.Parse("""{"count":2,"all":["b@eu#0","c@eu#1"]}""")));
            Assert.That(started.Length, Is.EqualTo(2));
        });
    }

    [Test]
    public async Task A_Map_iteration_reads_the_outer_variables_and_its_own_assignments_stay_inside()
    {
        var (result, _) = await EngineHarness.RunAsync("""
            {"QueryLanguage":"JSONata","StartAt":"Set","States":{
              "Set":{"Type":"Pass","Assign":{"factor":10,"inner":"outer"},"Next":"M"},
              "M":{"Type":"Map","Items":[1,2],"ItemProcessor":{"ProcessorConfig":{"Mode":"INLINE"},"StartAt":"Scale","States":{
                     "Scale":{"Type":"Pass","Assign":{"inner":"{% $states.input %}"},"Output":"{% $states.input * $factor %}","Next":"Read"},
                     "Read":{"Type":"Pass","Output":{"value":"{% $states.input %}","inner":"{% $inner %}"},"End":true}}},
                   "Next":"After"},
              "After":{"Type":"Pass","Output":{"results":"{% $states.input %}","inner":"{% $inner %}"},"End":true}}}
            """);
        Assert.That(result.Output, Is.EqualTo(JsonValue.Parse("""{"results":[{"value":10,"inner":1},{"value":20,"inner":2}],"inner":"outer"}""")));
    }

    [Test]
    public async Task A_Parallel_gives_its_Arguments_to_every_branch_and_shapes_the_results_with_Output()
    {
        var (result, _) = await EngineHarness.RunAsync("""
            {"QueryLanguage":"JSONata","StartAt":"Fan","States":{
              "Fan":{"Type":"Parallel","Arguments":{"n":"{% $states.input.n + 1 %}"},
                     "Branches":[{"StartAt":"Double","States":{"Double":{"Type":"Pass","Output":"{% $states.input.n * 2 %}","End":true}}},
                                 {"StartAt":"Square","States":{"Square":{"Type":"Pass","Output":"{% $states.input.n * $states.input.n %}","End":true}}}],
                     "Output":{"sum":"{% $sum($states.result) %}"},"End":true}}}
            """, """{"n":2}""");
        Assert.That(result.Output, Is.EqualTo(JsonValue.Parse("""{"sum":15}""")));
    }

    [Test]
    public async Task A_Wait_takes_its_Seconds_from_an_expression_on_the_virtual_clock()
    {
        var (result, history) = await EngineHarness.RunAsync("""
            {"QueryLanguage":"JSONata","StartAt":"W","States":{"W":{"Type":"Wait","Seconds":"{% $states.input.hours * 3600 %}","End":true}}}
            """, """{"hours":5}""");
        var entered = history.Single(e => e.Type == HistoryEventType.WaitStateEntered).Timestamp;
        var exited = history.Single(e => e.Type == HistoryEventType.WaitStateExited).Timestamp;
        Assert.Multiple(() =>
        {
            Assert.That(result.Status, Is.EqualTo(ExecutionStatus.SUCCEEDED));
            Assert.That(exited - entered, Is.EqualTo(TimeSpan.FromHours(5)).Within(TimeSpan.FromSeconds(1)));
        });
    }

    [Test]
    public async Task A_Fail_state_takes_its_Error_and_Cause_from_expressions()
    {
        var (result, _) = await EngineHarness.RunAsync("""
            {"QueryLanguage":"JSONata","StartAt":"F","States":{"F":{"Type":"Fail","Error":"{% 'Gate.' & $states.input.gate %}","Cause":"{% 'accuracy ' & $string($states.input.accuracy) %}"}}}
            """, """{"gate":"Closed","accuracy":0.5}""");
        Assert.That((result.Status, result.Error, result.Cause), Is.EqualTo((ExecutionStatus.FAILED, "Gate.Closed", "accuracy 0.5")));
    }

    [Test]
    public async Task States_context_and_the_clock_functions_read_the_execution_and_its_virtual_time()
    {
        var (result, history) = await EngineHarness.RunAsync("""
            {"QueryLanguage":"JSONata","StartAt":"P","States":{"P":{"Type":"Pass","Output":{
              "name":"{% $states.context.State.Name %}","input":"{% $states.context.Execution.Input.x %}",
              "now":"{% $now() %}","entered":"{% $states.context.State.EnteredTime %}"},"End":true}}}
            """, """{"x":"y"}""");
        var output = (JsonObject)result.Output!;
        Assert.Multiple(() =>
        {
            Assert.That((output["name"], output["input"]), Is.EqualTo(((JsonValue)"P", (JsonValue)"y")));
            Assert.That(DateTimeOffset.Parse(((JsonString)output["now"]).Value, System.Globalization.CultureInfo.InvariantCulture),
                Is.EqualTo(history.Single(e => e.Type == HistoryEventType.PassStateEntered).Timestamp).Within(TimeSpan.FromMilliseconds(1)));
        });
    }

    [Test]
    public async Task The_random_functions_repeat_for_the_same_execution_seed()
    {
        const string asl = """{"QueryLanguage":"JSONata","StartAt":"P","States":{"P":{"Type":"Pass","Output":{"r":"{% $random() %}","u":"{% $uuid() %}"},"End":true}}}""";
        var first = (await EngineHarness.RunAsync(asl, options: new SageBuild.Engine.Api.StartExecutionOptions { RandomSeed = 42 })).Result;
        var again = (await EngineHarness.RunAsync(asl, options: new SageBuild.Engine.Api.StartExecutionOptions { RandomSeed = 42 })).Result;
        var other = (await EngineHarness.RunAsync(asl, options: new SageBuild.Engine.Api.StartExecutionOptions { RandomSeed = 43 })).Result;
        Assert.Multiple(() =>
        {
            Assert.That(again.Output, Is.EqualTo(first.Output));
            Assert.That(other.Output, Is.Not.EqualTo(first.Output));
        });
    }

    [Test]
    public async Task A_Task_takes_TimeoutSeconds_from_an_expression_and_times_out_on_it()
    {
        var (result, history) = await EngineHarness.RunAsync(Fn("""
            {"QueryLanguage":"JSONata","StartAt":"T","States":{"T":{"Type":"Task","Resource":"FN","TimeoutSeconds":"{% $states.input.limit %}","End":true}}}
            """), """{"limit":1}""",
            b => b.AddLambdaFunction("score", async (_, token) =>
            {
                await Task.Delay(TimeSpan.FromSeconds(30), token);
                return "late";
            }), clock: SageBuild.Engine.Api.ExecutionClock.Real);
        var scheduled = (ResourceScheduledEventDetails)history.Single(e => e.Type == HistoryEventType.LambdaFunctionScheduled).Details!;
        Assert.Multiple(() =>
        {
            Assert.That(scheduled.TimeoutInSeconds, Is.EqualTo(1));
            Assert.That(result.Error, Is.EqualTo("States.Timeout"));
        });
    }

    [Test]
    public async Task A_Map_whose_results_add_up_to_over_256_KiB_fails_with_States_DataLimitExceeded()
    {
        var (result, _) = await EngineHarness.RunAsync("""
            {"QueryLanguage":"JSONata","StartAt":"M","States":{"M":{"Type":"Map","Items":"{% [1..30] %}",
              "ItemProcessor":{"StartAt":"Big","States":{"Big":{"Type":"Pass","Output":"{% $join([1..1000].('aaaaaaaaaa')) %}","End":true}}},"Next":"Count"},
              "Count":{"Type":"Pass","Output":"{% $count($states.input) %}","End":true}}}
            """);
        Assert.That(result.Error, Is.EqualTo("States.DataLimitExceeded"), "the Map's own output is checked, not only the execution's");
    }

    [Test]
    public async Task A_Map_over_an_input_that_is_not_an_array_fails_as_AWS_words_it()
    {
        var (result, history) = await EngineHarness.RunAsync("""
            {"QueryLanguage":"JSONata","StartAt":"M","States":{"M":{"Type":"Map","ItemProcessor":{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}},"End":true}}}
            """, """{"not":"an array"}""");
        Assert.Multiple(() =>
        {
            Assert.That(result.Error, Is.EqualTo("States.QueryEvaluationError"));
            Assert.That(result.Cause, Is.EqualTo("""An error occurred while executing the state 'M' (entered at the event id #2). Map state input must be an array but was: {"not":"an array"}"""));
            Assert.That(EngineHarness.Types(history), Is.EqualTo("ExecutionStarted,MapStateEntered,EvaluationFailed,MapStateFailed,ExecutionFailed"));
        });
    }
}
