using SageBuild.Engine.Api;
using SageBuild.Engine.History;
using SageBuild.Engine.Integrations;
using SageBuild.Engine.Stores;
using SageBuild.StateMachines.Builders;
using SageBuild.StateMachines.Conditions;
using SageBuild.StateMachines.Json;
using SageBuild.StateMachines.Model;
using SageBuild.StateMachines.Tasks.Lambda;
using Expression = SageBuild.StateMachines.Builders.Jsonata;

namespace SageBuild.Tests.Engine.Jsonata;

/// <summary>A JSONata state machine built with the typed builders (no hand-written ASL) runs on the engine.</summary>
public sealed class JsonataBuilderTests
{
    private const string FunctionArn = "arn:aws:lambda:us-east-1:123456789012:function:train";

    [Test]
    public async Task A_JSONata_machine_built_with_the_builders_runs_every_state_type_on_the_engine()
    {
        var definition = BuildPipeline();
        var calls = new List<JsonValue>();
        await using var engine = new EngineBuilder { Options = new EngineOptions { DefaultClock = ExecutionClock.Virtual } }
            .AddLambdaFunction(FunctionArn, (payload, _) =>
            {
                calls.Add(payload);
                var p = (JsonObject)payload;
                if (((JsonString)p["model"]).Value == "broken")
                    throw new LambdaFunctionException("Model.Diverged", "loss is NaN");
                return ValueTask.FromResult<JsonValue>(JsonObject.Create(("model", p["model"]), ("auc", 0.5 + (((JsonNumber)p["depth"]).Value / 10))));
            })
            .Build();

        var good = await engine.ExecuteAsync(definition, JsonValue.Parse("""{"models":["a","b","broken"],"depth":3,"minAuc":0.7}"""));
        var history = await engine.GetExecutionHistoryAsync(good.ExecutionArn);
        var bad = await engine.ExecuteAsync(definition, JsonValue.Parse("""{"models":["a"],"depth":1,"minAuc":0.7}"""));

        Assert.Multiple(() =>
        {
            Assert.That(good.Status, Is.EqualTo(ExecutionStatus.SUCCEEDED), good.Cause);
            Assert.That(good.Output, Is.EqualTo(JsonValue.Parse("""{"deployed":["a","b"],"failed":1,"best":0.8}""")));
            Assert.That(calls.Take(3).Select(c => ((JsonObject)c)["depth"]), Has.All.EqualTo((JsonValue)3));
            Assert.That(history.Any(e => e.Type == HistoryEventType.WaitStateExited), Is.True);
            Assert.That((bad.Status, bad.Error, bad.Cause), Is.EqualTo((ExecutionStatus.FAILED, "Gate.Closed", "best AUC 0.6 is under 0.7")));
        });
    }

    /// <summary>
    /// Pass (Assign) → Map over the models (Items, ItemSelector; each a Lambda task whose Catch gives a marker) →
    /// Wait (Seconds from an expression) → Choice on the best AUC → Succeed with an Output, or Fail with expressions.
    /// </summary>
    private static StateMachineDefinition BuildPipeline()
    {
        var setup = new Pass("Setup", new PassOptions { Assign = TaskInput.FromObject(("minAuc", Expression.Number("$states.input.minAuc"))) });
        var train = new LambdaInvoke("Train", new LambdaInvokeOptions
        {
            FunctionName = FunctionArn,
            Payload = TaskInput.FromObject(("model", Expression.Value("$states.input.model")), ("depth", Expression.Value("$states.input.depth"))),
            RetryOnServiceExceptions = false,
            Output = Expression.Value("$states.result.Payload"),
        }).AddCatch(new Pass("Diverged", new PassOptions { Output = TaskInput.FromObject(("failed", true)) }), new CatcherOptions { ErrorEquals = ["Model.Diverged"] });
        var each = new Map("TrainEach", new MapOptions
        {
            Items = Expression.Value("$states.input.models"),
            ItemSelector = TaskInput.FromObject(("model", Expression.Value("$states.context.Map.Item.Value")), ("depth", Expression.Value("$states.input.depth"))),
            MaxConcurrency = Expression.Number("2"),
            Output = TaskInput.FromObject(
                ("trained", Expression.Value("[$states.result[$not(failed = true)]]")),
                ("failed", Expression.Value("$count($states.result[failed = true])"))),
        }).ItemProcessor(train);
        var settle = new Wait("Settle", WaitTime.Seconds(Expression.Number("$count($states.input.trained) * 60")));
        var deploy = new Succeed("Deploy", new StateOptions
        {
            Output = TaskInput.FromObject(
                ("deployed", Expression.Value("[$states.input.trained.model]")),
                ("failed", Expression.Value("$states.input.failed")),
                ("best", Expression.Value("$max($states.input.trained.auc)"))),
        });
        var reject = new Fail("Reject", new FailOptions
        {
            Error = "Gate.Closed",
            Cause = Expression.String("'best AUC ' & $string($max($states.input.trained.auc)) & ' is under ' & $string($minAuc)"),
        });
        var gate = new Choice("Gate").When(Condition.Jsonata("$max($states.input.trained.auc) >= $minAuc"), deploy).Otherwise(reject);
        var chain = Chain.Start(setup).Next(each).Next(settle).Next(gate);
        return StateMachine.Define("JsonataPipeline", chain, new StateMachineOptions { QueryLanguage = QueryLanguage.JSONata }).Build();
    }
}
