using SageBuild.StateMachines.Builders;
using SageBuild.StateMachines.Conditions;
using SageBuild.StateMachines.Json;
using SageBuild.StateMachines.Model;
using static SageBuild.Tests.StateMachines.Builders.Asl;
using JsonataField = SageBuild.StateMachines.Builders.Jsonata;

namespace SageBuild.Tests.StateMachines.Builders;

public sealed class StateJsonTests
{
    [Test]
    public void A_Pass_state_renders_its_template_with_dollar_keys_for_paths_and_discards_its_result()
    {
        var pass = new Pass("Shape", new PassOptions
        {
            Comment = "shape the input",
            InputPath = "$.detail",
            Parameters = TaskInput.FromObject(
                ("literal", "fixed"),
                ("commit", JsonPath.StringAt("$.commit")),
                ("id", JsonPath.Context.ExecutionId),
                ("nested", TaskInput.FromObject(("n", 3), ("flag", true)))),
            ResultPath = JsonPath.DiscardResult,
            OutputPath = "$.out",
        });

        Assert.That(State(pass, "Shape"), Is.EqualTo(Expected("""
            {"Type": "Pass", "Comment": "shape the input", "InputPath": "$.detail",
             "Parameters": {"literal": "fixed", "commit.$": "$.commit", "id.$": "$$.Execution.Id", "nested": {"n": 3, "flag": true}},
             "ResultPath": null, "OutputPath": "$.out", "End": true}
            """)));
    }

    [Test]
    public void A_Pass_state_with_a_fixed_result_places_it_at_its_result_path()
    {
        var pass = new Pass("Defaults", new PassOptions { Result = Expected("""{"retries": 3}"""), ResultPath = "$.defaults" });
        Assert.That(State(pass, "Defaults"), Is.EqualTo(Expected("""{"Type": "Pass", "Result": {"retries": 3}, "End": true, "ResultPath": "$.defaults"}""")));
    }

    [Test]
    public void A_Wait_state_renders_each_of_its_four_forms()
    {
        var at = new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero);
        var chain = Chain.Start(new Wait("Seconds", WaitTime.Duration(TimeSpan.FromMinutes(2))))
            .Next(new Wait("SecondsPath", WaitTime.SecondsPath("$.delay")))
            .Next(new Wait("Timestamp", WaitTime.Timestamp(at)))
            .Next(new Wait("TimestampPath", WaitTime.TimestampPath("$.until")));

        var states = (JsonObject)Of(chain)["States"];

        Assert.Multiple(() =>
        {
            Assert.That(states["Seconds"], Is.EqualTo(Expected("""{"Type": "Wait", "Seconds": 120, "Next": "SecondsPath"}""")));
            Assert.That(states["SecondsPath"], Is.EqualTo(Expected("""{"Type": "Wait", "SecondsPath": "$.delay", "Next": "Timestamp"}""")));
            Assert.That(states["Timestamp"], Is.EqualTo(Expected("""{"Type": "Wait", "Timestamp": "2025-01-02T03:04:05Z", "Next": "TimestampPath"}""")));
            Assert.That(states["TimestampPath"], Is.EqualTo(Expected("""{"Type": "Wait", "TimestampPath": "$.until", "End": true}""")));
        });
    }

    [Test]
    public void A_Wait_refuses_a_fraction_of_a_second()
    {
        Assert.That(() => WaitTime.Duration(TimeSpan.FromMilliseconds(1500)), Throws.TypeOf<ArgumentOutOfRangeException>());
    }

    [Test]
    public void Succeed_and_Fail_end_the_machine_and_Fail_uses_the_path_forms_for_paths()
    {
        var choice = new Choice("Check")
            .When(Condition.BooleanEquals("$.ok", true), new Succeed("Done", new StateOptions { Comment = "all good", OutputPath = "$.result" }))
            .When(Condition.IsPresent("$.error"), new Fail("FailFromInput", new FailOptions { Error = JsonPath.StringAt("$.error"), Cause = JsonPath.Format("build {} failed", "$.build") }))
            .Otherwise(new Fail("Failed", new FailOptions { Error = "Pipeline.Failed", Cause = "the check failed" }));

        var states = (JsonObject)Of(choice)["States"];

        Assert.Multiple(() =>
        {
            Assert.That(states["Done"], Is.EqualTo(Expected("""{"Type": "Succeed", "Comment": "all good", "OutputPath": "$.result"}""")));
            Assert.That(states["FailFromInput"], Is.EqualTo(Expected("""{"Type": "Fail", "ErrorPath": "$.error", "CausePath": "States.Format('build {} failed', $.build)"}""")));
            Assert.That(states["Failed"], Is.EqualTo(Expected("""{"Type": "Fail", "Error": "Pipeline.Failed", "Cause": "the check failed"}""")));
        });
    }

    [Test]
    public void A_Choice_renders_its_rules_in_order_and_its_otherwise_as_Default()
    {
        var deploy = new Pass("Deploy");
        var reject = new Pass("Reject");
        var gate = new Choice("QualityGate", new StateOptions { Comment = "deploy only a better model" })
            .When(Condition.And(Condition.IsPresent("$.candidate.auc"), Condition.NumberGreaterThanPath("$.candidate.auc", "$.production.auc")), deploy,
                  new ChoiceRuleOptions { Comment = "better" })
            .When(Condition.Not(Condition.StringEquals("$.mode", "strict")), deploy)
            .Otherwise(reject);

        Assert.That(State(gate, "QualityGate"), Is.EqualTo(Expected("""
            {"Type": "Choice", "Comment": "deploy only a better model",
             "Choices": [
               {"Comment": "better", "And": [{"Variable": "$.candidate.auc", "IsPresent": true},
                                             {"Variable": "$.candidate.auc", "NumericGreaterThanPath": "$.production.auc"}], "Next": "Deploy"},
               {"Not": {"Variable": "$.mode", "StringEquals": "strict"}, "Next": "Deploy"}],
             "Default": "Reject"}
            """)));
    }

    [Test]
    public void Afterwards_joins_every_branch_of_a_Choice_into_the_next_state()
    {
        var gate = new Choice("Gate")
            .When(Condition.BooleanEquals("$.deploy", true), Chain.Start(new Pass("Deploy")).Next(new Pass("Verify")))
            .Otherwise(new Pass("Skip"));
        gate.Afterwards().Next(new Pass("Notify"));

        var states = (JsonObject)Of(gate)["States"];

        Assert.Multiple(() =>
        {
            Assert.That(((JsonObject)states["Verify"])["Next"], Is.EqualTo(Expected("\"Notify\"")));
            Assert.That(((JsonObject)states["Skip"])["Next"], Is.EqualTo(Expected("\"Notify\"")));
            Assert.That(((JsonObject)states["Notify"])["End"], Is.EqualTo(Expected("true")));
        });
    }

    [Test]
    public void Afterwards_with_the_otherwise_included_makes_the_next_state_the_Default()
    {
        var gate = new Choice("Gate").When(Condition.BooleanEquals("$.skip", false), new Pass("Work"));
        gate.Afterwards(includeOtherwise: true).Next(new Pass("After"));

        var states = (JsonObject)Of(gate)["States"];

        Assert.Multiple(() =>
        {
            Assert.That(((JsonObject)states["Gate"])["Default"], Is.EqualTo(Expected("\"After\"")));
            Assert.That(((JsonObject)states["Work"])["Next"], Is.EqualTo(Expected("\"After\"")));
        });
    }

    [Test]
    public void A_Parallel_state_renders_each_branch_as_its_own_graph_with_its_template_retry_and_catch()
    {
        var fallback = new Pass("Fallback");
        var parallel = new ParallelBranches("Both", new ParallelBranchesOptions
            {
                Parameters = TaskInput.FromObject(("build", JsonPath.StringAt("$.build"))),
                ResultSelector = TaskInput.FromObject(("first", JsonPath.ValueAt("$[0]"))),
                ResultPath = "$.both",
            })
            .Branch(new Pass("Left"), Chain.Start(new Pass("Right1")).Next(new Pass("Right2")));
        parallel.AddRetry(new RetrierOptions { ErrorEquals = ["States.BranchFailed"], MaxAttempts = 2 })
                .AddCatch(fallback, new CatcherOptions { ResultPath = "$.error" });

        Assert.That(State(parallel, "Both"), Is.EqualTo(Expected("""
            {"Type": "Parallel",
             "Parameters": {"build.$": "$.build"},
             "Branches": [
               {"StartAt": "Left", "States": {"Left": {"Type": "Pass", "End": true}}},
               {"StartAt": "Right1", "States": {"Right1": {"Type": "Pass", "Next": "Right2"}, "Right2": {"Type": "Pass", "End": true}}}],
             "ResultSelector": {"first.$": "$[0]"},
             "ResultPath": "$.both",
             "Retry": [{"ErrorEquals": ["States.BranchFailed"], "IntervalSeconds": 1, "MaxAttempts": 2, "BackoffRate": 2}],
             "Catch": [{"ErrorEquals": ["States.ALL"], "ResultPath": "$.error", "Next": "Fallback"}],
             "End": true}
            """)));
    }

    [Test]
    public void An_inline_Map_renders_its_processor_selector_and_concurrency_path()
    {
        var map = new Map("EachVariant", new MapOptions
        {
            ItemsPath = "$.variants",
            ItemSelector = TaskInput.FromObject(("variant", JsonPath.Context.MapItemValue), ("endpoint", JsonPath.StringAt("$.endpoint"))),
            MaxConcurrency = JsonPath.NumberAt("$.parallelism"),
            ResultPath = "$.variants",
        }).ItemProcessor(new Pass("Describe"));

        Assert.That(State(map, "EachVariant"), Is.EqualTo(Expected("""
            {"Type": "Map", "ItemsPath": "$.variants",
             "ItemSelector": {"variant.$": "$$.Map.Item.Value", "endpoint.$": "$.endpoint"},
             "ItemProcessor": {"StartAt": "Describe", "States": {"Describe": {"Type": "Pass", "End": true}}},
             "MaxConcurrencyPath": "$.parallelism", "ResultPath": "$.variants", "End": true}
            """)));
    }

    [Test]
    public void A_distributed_Map_renders_its_reader_batcher_writer_tolerances_and_label()
    {
        var map = new Map("ScoreAll", new MapOptions
        {
            Mode = ProcessorMode.DISTRIBUTED,
            ItemReader = ItemReaderOptions.S3CsvFile("data-bucket", "eval/rows.csv") with { MaxItems = 1000 },
            ItemBatcher = new ItemBatcherOptions { MaxItemsPerBatch = 50, BatchInput = TaskInput.FromObject(("model", JsonPath.StringAt("$.model"))) },
            ResultWriter = ResultWriterOptions.S3("results-bucket", "scores/"),
            MaxConcurrency = 10,
            ToleratedFailurePercentage = 5,
            ToleratedFailureCount = JsonPath.NumberAt("$.maxFailures"),
            Label = "score",
        }).ItemProcessor(new Pass("Score"));

        Assert.That(State(map, "ScoreAll"), Is.EqualTo(Expected("""
            {"Type": "Map",
             "ItemReader": {"Resource": "arn:aws:states:::s3:getObject",
                            "ReaderConfig": {"InputType": "CSV", "CSVHeaderLocation": "FIRST_ROW", "MaxItems": 1000},
                            "Parameters": {"Bucket": "data-bucket", "Key": "eval/rows.csv"}},
             "ItemBatcher": {"MaxItemsPerBatch": 50, "BatchInput": {"model.$": "$.model"}},
             "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                               "StartAt": "Score", "States": {"Score": {"Type": "Pass", "End": true}}},
             "MaxConcurrency": 10, "ToleratedFailurePercentage": 5, "ToleratedFailureCountPath": "$.maxFailures", "Label": "score",
             "ResultWriter": {"Resource": "arn:aws:states:::s3:putObject", "Parameters": {"Bucket": "results-bucket", "Prefix": "scores/"}},
             "End": true}
            """)));
    }

    [Test]
    public void Retry_rules_render_every_field_and_the_transient_preset_has_jitter_and_a_cap()
    {
        var task = new Pass("Unused");
        var parallel = new ParallelBranches("Work").Branch(task);
        parallel.AddRetry(Retries.TransientAws).AddRetry(new RetrierOptions { MaxAttempts = 0, Comment = "never retry the rest" });

        var retry = (JsonArray)State(parallel, "Work")["Retry"];

        Assert.Multiple(() =>
        {
            var transient = (JsonObject)retry[0];
            Assert.That(transient["IntervalSeconds"], Is.EqualTo(Expected("2")));
            Assert.That(transient["MaxAttempts"], Is.EqualTo(Expected("6")));
            Assert.That(transient["MaxDelaySeconds"], Is.EqualTo(Expected("60")));
            Assert.That(transient["JitterStrategy"], Is.EqualTo(Expected("\"FULL\"")));
            Assert.That(((JsonArray)transient["ErrorEquals"]).Select(e => ((JsonString)e).Value), Does.Contain("SageMaker.AmazonSageMakerException").And.Not.Contain("States.ALL"));
            Assert.That(retry[1], Is.EqualTo(Expected("""{"Comment": "never retry the rest", "ErrorEquals": ["States.ALL"], "IntervalSeconds": 1, "MaxAttempts": 0, "BackoffRate": 2}""")));
        });
    }

    [Test]
    public void The_top_level_fields_are_emitted()
    {
        var asl = Of(new Pass("Only"), new StateMachineOptions { Comment = "the pipeline", Timeout = TimeSpan.FromHours(6), QueryLanguage = QueryLanguage.JSONPath });

        Assert.That(asl, Is.EqualTo(Expected("""
            {"Comment": "the pipeline", "QueryLanguage": "JSONPath", "Version": "1.0", "TimeoutSeconds": 21600,
             "StartAt": "Only", "States": {"Only": {"Type": "Pass", "End": true}}}
            """)));
    }

    [Test]
    public void A_JSONata_machine_renders_Arguments_Output_Assign_and_JSONata_conditions()
    {
        var gate = new Choice("Gate")
            .When(Condition.Jsonata("$states.input.auc > $threshold"), new Succeed("Better"), new ChoiceRuleOptions { Output = TaskInput.FromObject(("auc", JsonataField.Number("$states.input.auc"))) })
            .Otherwise(new Fail("Worse", new FailOptions { Error = "Gate.Rejected", Cause = JsonataField.String("'auc ' & $string($states.input.auc)") }));
        var parallel = new ParallelBranches("Fanout", new ParallelBranchesOptions { Parameters = TaskInput.FromObject(("input", JsonataField.Input)) }).Branch(new Pass("Inner"));
        var chain = Chain.Start(new Pass("Init", new PassOptions { Assign = TaskInput.FromObject(("threshold", 0.8)), Output = TaskInput.FromObject(("auc", JsonataField.Number("$states.input.metrics.auc"))) }))
            .Next(parallel)
            .Next(new Wait("Pause", WaitTime.Seconds(JsonataField.Number("$threshold * 10"))))
            .Next(gate);

        var states = (JsonObject)Of(chain, new StateMachineOptions { QueryLanguage = QueryLanguage.JSONata })["States"];

        Assert.Multiple(() =>
        {
            Assert.That(states["Init"], Is.EqualTo(Expected("""{"Type": "Pass", "Output": {"auc": "{% $states.input.metrics.auc %}"}, "Assign": {"threshold": 0.8}, "Next": "Fanout"}""")));
            Assert.That(((JsonObject)states["Fanout"])["Arguments"], Is.EqualTo(Expected("""{"input": "{% $states.input %}"}""")));
            Assert.That(states["Pause"], Is.EqualTo(Expected("""{"Type": "Wait", "Seconds": "{% $threshold * 10 %}", "Next": "Gate"}""")));
            Assert.That(((JsonArray)((JsonObject)states["Gate"])["Choices"])[0], Is.EqualTo(Expected("""{"Condition": "{% $states.input.auc > $threshold %}", "Output": {"auc": "{% $states.input.auc %}"}, "Next": "Better"}""")));
            Assert.That(states["Worse"], Is.EqualTo(Expected("""{"Type": "Fail", "Error": "Gate.Rejected", "Cause": "{% 'auc ' & $string($states.input.auc) %}"}""")));
        });
    }

    [Test]
    public void A_single_state_can_switch_to_JSONata_inside_a_JSONPath_machine()
    {
        var state = new Pass("Mixed", new PassOptions { QueryLanguage = QueryLanguage.JSONata, Output = TaskInput.FromObject(("x", JsonataField.Value("$states.input.x"))) });
        Assert.That(State(state, "Mixed"), Is.EqualTo(Expected("""{"Type": "Pass", "QueryLanguage": "JSONata", "Output": {"x": "{% $states.input.x %}"}, "End": true}""")));
    }

    [Test]
    public void States_Format_escapes_the_characters_intrinsic_strings_reserve()
    {
        var name = JsonPath.Format("it's {}-{braces}", "$.build");
        Assert.That(name.Expression, Is.EqualTo("States.Format('it\\'s {}-\\{braces\\}', $.build)"));
    }
}
