using SageBuild.StateMachines.Builders;
using SageBuild.StateMachines.Conditions;
using SageBuild.StateMachines.Model;
using SageBuild.StateMachines.Validation;

namespace SageBuild.Tests.StateMachines.Builders;

public sealed class StateMachineValidationTests
{
    private static IReadOnlyList<DefinitionError> ErrorsOf(IChainable definition, StateMachineOptions? options = null) =>
        Assert.Throws<DefinitionException>(() => StateMachine.Define("Test", definition, options).Build())!.Errors;

    [Test]
    public void A_name_used_in_a_branch_and_at_the_top_level_is_reported_with_both_pointers()
    {
        var canary = new ParallelBranches("Canary").Branch(new Pass("Deploy"));
        var chain = Chain.Start(new Pass("Deploy")).Next(canary);

        var errors = ErrorsOf(chain);
        var error = errors.Single();

        Assert.Multiple(() =>
        {
            Assert.That(error.Pointer, Is.EqualTo("/States/Canary/Branches/0/States/Deploy"));
            Assert.That(error.Code, Is.EqualTo(DefinitionErrorCodes.DuplicateStateName));
            Assert.That(error.Message, Does.Contain("/States/Deploy"));
        });
    }

    [Test]
    public void A_state_object_used_in_two_graphs_is_reported_where_the_second_graph_reaches_it()
    {
        var shared = new Pass("Shared");
        var map = new Map("Each").ItemProcessor(Chain.Start(new Pass("Inner")).Next(shared));
        var chain = Chain.Start(map).Next(shared);

        var errors = ErrorsOf(chain);
        var error = errors.Single();

        Assert.Multiple(() =>
        {
            Assert.That(error.Pointer, Is.EqualTo("/States/Each/ItemProcessor/States/Inner/Next"));
            Assert.That(error.Message, Does.Contain("the Pass state 'Shared' belongs to the top level"));
        });
    }

    [Test]
    public void A_state_object_cannot_be_built_into_two_state_machines()
    {
        var shared = new Pass("Shared");
        StateMachine.Define("First", shared).Build();

        var error = Assert.Throws<DefinitionException>(() => StateMachine.Define("Second", shared).Build())!.Errors.Single();

        Assert.That(error.Message, Does.Contain("already belongs to another state machine"));
    }

    [Test]
    public void States_ALL_not_alone_or_not_last_is_reported_at_the_ErrorEquals_pointer()
    {
        var work = new ParallelBranches("Train").Branch(new Pass("Inner"));
        work.AddRetry(new RetrierOptions { ErrorEquals = [ErrorNames.All, ErrorNames.Timeout] })
            .AddRetry(new RetrierOptions { ErrorEquals = [ErrorNames.TaskFailed] })
            .AddCatch(new Pass("Handle"), new CatcherOptions { ErrorEquals = [ErrorNames.All] })
            .AddCatch(new Pass("Later"), new CatcherOptions { ErrorEquals = [ErrorNames.Timeout] });

        var pointers = ErrorsOf(work).Where(e => e.Code == DefinitionErrorCodes.InvalidErrorHandling).Select(e => e.Pointer);

        Assert.That(pointers, Is.EquivalentTo(new[] { "/States/Train/Retry/0/ErrorEquals", "/States/Train/Catch/0/ErrorEquals" }));
    }

    [Test]
    public void Retrier_values_out_of_range_name_the_options_key_and_the_pointer()
    {
        var work = new ParallelBranches("Train").Branch(new Pass("Inner"));
        work.AddRetry(new RetrierOptions { IntervalSeconds = 0, BackoffRate = 0.5, MaxAttempts = -1 });

        var errors = ErrorsOf(work);

        Assert.That(errors.Select(e => (e.Pointer, e.Message.Split(' ')[0])), Is.EquivalentTo(new[]
        {
            ("/States/Train/Retry/0/IntervalSeconds", "RetrierOptions.IntervalSeconds"),
            ("/States/Train/Retry/0/MaxAttempts", "RetrierOptions.MaxAttempts"),
            ("/States/Train/Retry/0/BackoffRate", "RetrierOptions.BackoffRate"),
        }));
    }

    [Test]
    public void A_graph_that_never_ends_is_reported()
    {
        var wait = new Wait("Poll", WaitTime.Duration(TimeSpan.FromSeconds(5)));
        var check = new Choice("Check").When(Condition.BooleanEquals("$.done", false), wait).Otherwise(wait);
        wait.Next(check);

        var errors = ErrorsOf(wait);
        var error = errors.Single();

        Assert.Multiple(() =>
        {
            Assert.That(error.Code, Is.EqualTo(DefinitionErrorCodes.NoTerminalState));
            Assert.That(error.Pointer, Is.EqualTo(""));
        });
    }

    [Test]
    public void Every_problem_is_reported_at_once()
    {
        var emptyChoice = new Choice("Nothing");
        var parallel = new ParallelBranches("Empty");
        var map = new Map("NoProcessor", new MapOptions { Label = "x" });
        var chain = Chain.Start(new Pass("Jsonata", new PassOptions { Output = TaskInput.FromObject(("a", 1)) })).Next(parallel).Next(map).Next(emptyChoice);

        var errors = ErrorsOf(chain);

        Assert.That(errors.Select(e => e.Pointer), Is.SupersetOf(new[]
        {
            "/States/Jsonata/Output", "/States/Empty/Branches", "/States/NoProcessor/ItemProcessor", "/States/NoProcessor/Label", "/States/Nothing/Choices",
        }));
    }

    [Test]
    public void A_JSONPath_field_in_a_JSONata_state_is_reported_with_what_to_use_instead()
    {
        var pass = new Pass("Shape", new PassOptions { InputPath = "$.x", ResultPath = "$.y", Parameters = TaskInput.FromObject(("a", JsonPath.StringAt("$.a"))) });

        var errors = ErrorsOf(pass, new StateMachineOptions { QueryLanguage = QueryLanguage.JSONata });

        Assert.That(errors.Select(e => e.Pointer), Is.SupersetOf(new[] { "/States/Shape/InputPath", "/States/Shape/ResultPath", "/States/Shape/Parameters", "/States/Shape/Parameters/a" }));
        Assert.That(errors.Single(e => e.Pointer == "/States/Shape/Parameters/a").Message, Does.Contain("cannot be used in a JSONata state"));
    }

    [Test]
    public void A_JSONPath_comparison_in_a_JSONata_Choice_is_reported_at_the_rule()
    {
        var choice = new Choice("Gate").When(Condition.BooleanEquals("$.ok", true), new Succeed("Yes")).Otherwise(new Succeed("No"));

        var errors = ErrorsOf(choice, new StateMachineOptions { QueryLanguage = QueryLanguage.JSONata });
        var error = errors.Single();

        Assert.Multiple(() =>
        {
            Assert.That(error.Pointer, Is.EqualTo("/States/Gate/Choices/0"));
            Assert.That(error.Message, Does.Contain("Condition.Jsonata"));
        });
    }

    [Test]
    public void A_path_inside_an_array_is_reported_because_JSONPath_templates_do_not_evaluate_it()
    {
        var pass = new Pass("List", new PassOptions { Parameters = TaskInput.FromObject(("items", TaskInput.FromArray("a", JsonPath.StringAt("$.b")))) });

        var error = ErrorsOf(pass).Single();

        Assert.That(error.Pointer, Is.EqualTo("/States/List/Parameters/items/1"));
    }

    [Test]
    public void A_distributed_only_field_on_an_inline_Map_is_reported()
    {
        var map = new Map("Each", new MapOptions { ToleratedFailureCount = 1 }).ItemProcessor(new Pass("Inner"));

        var error = ErrorsOf(map).Single();

        Assert.Multiple(() =>
        {
            Assert.That(error.Pointer, Is.EqualTo("/States/Each/ToleratedFailureCount"));
            Assert.That(error.Message, Does.Contain("DISTRIBUTED"));
        });
    }

    [Test]
    public void A_fragment_prefix_that_makes_a_name_too_long_is_caught_by_the_validator_or_the_model()
    {
        Assert.That(() => new Pass(new string('x', StateNode.MaxNameLength + 1)), Throws.ArgumentException.With.Message.Contains("at most 80"));
    }

    [Test]
    public void A_state_machine_name_with_spaces_is_refused()
    {
        Assert.That(() => StateMachine.Define("my pipeline", new Pass("A")), Throws.ArgumentException.With.Message.Contains("'my pipeline'"));
    }
}
