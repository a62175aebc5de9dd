using SageBuild.Engine.Api;
using SageBuild.Engine.Preparation;
using SageBuild.StateMachines.Json;

namespace SageBuild.Tests.Engine.Jsonata;

/// <summary>JSONata expressions are compiled when a definition is prepared, once, and a broken one is refused there.</summary>
public sealed class JsonataPreparationTests
{
    private const string Definition = """
        {"QueryLanguage":"JSONata","StartAt":"P","States":{"P":{"Type":"Pass","Output":{"x":"{% $states.input.x + 1 %}"},"End":true}}}
        """;

    [Test]
    public void A_JSONata_definition_is_prepared_once_and_every_execution_shares_its_compiled_expressions()
    {
        var cache = new PreparationCache();
        var first = cache.GetOrPrepare(AslJson.Parse(Definition), out _);
        var second = cache.GetOrPrepare(AslJson.Parse(Definition), out _);
        Assert.That(second, Is.SameAs(first));
    }

    [Test]
    public async Task Executions_of_one_prepared_JSONata_definition_each_see_their_own_input()
    {
        await using var engine = new EngineBuilder().Build();
        var machine = engine.CreateStateMachine("Increment", AslJson.Parse(Definition));
        var one = await engine.ExecuteAsync(machine.StateMachineArn, JsonValue.Parse("""{"x":1}"""));
        var two = await engine.ExecuteAsync(machine.StateMachineArn, JsonValue.Parse("""{"x":41}"""));
        Assert.That((one.Output, two.Output), Is.EqualTo((JsonValue.Parse("""{"x":2}"""), JsonValue.Parse("""{"x":42}"""))));
    }

    [Test]
    public async Task An_expression_that_does_not_parse_is_refused_when_the_machine_is_created_naming_the_state_and_field()
    {
        await using var engine = new EngineBuilder().Build();
        var broken = AslJson.Parse("""{"QueryLanguage":"JSONata","StartAt":"P","States":{"P":{"Type":"Pass","Output":{"x":"{% $states.input.x + %}"},"End":true}}}""");
        var error = Assert.Throws<StepFunctionsException>(() => engine.CreateStateMachine("Broken", broken))!;
        Assert.That(error.Message, Does.StartWith("/States/P: Output: "));
    }
}
