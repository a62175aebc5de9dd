using SageBuild.Engine.Expressions;
using SageBuild.StateMachines.Json;
using SageBuild.StateMachines.Model;

namespace SageBuild.Tests.Engine.Expressions;

/// <summary>
/// A test-only runner for JSONPath definitions made of Pass, Choice, Succeed and Fail states, built from the expression
/// components alone. It lets the recorded AWS executions check InputPath, Parameters, Result, ResultPath, OutputPath,
/// Assign, Choice rules and ErrorPath/CausePath together before the engine exists; it is not the engine.
/// </summary>
internal sealed class PassChoiceRunner
{
    private const int MaxTransitions = 10_000;
    private readonly Dictionary<string, JsonValue> _variables = new(StringComparer.Ordinal);
    private readonly StateMachineDefinition _definition;
    private readonly JsonValue _input;

    private readonly bool _isExpress;

    private PassChoiceRunner(StateMachineDefinition definition, JsonValue input, bool isExpress)
    {
        _definition = definition;
        _input = input;
        _isExpress = isExpress;
    }

    /// <summary>Whether every state is one the runner knows.</summary>
    public static bool CanRun(StateMachineDefinition definition) =>
        definition.QueryLanguage is null or QueryLanguage.JSONPath
        && definition.States.All(s => s.Value is PassState or ChoiceState or SucceedState or FailState && s.Value.QueryLanguage is null or QueryLanguage.JSONPath);

    public static (JsonValue? Output, StatesError? Error) Run(StateMachineDefinition definition, JsonValue input, bool isExpress = false) =>
        new PassChoiceRunner(definition, input, isExpress).Run();

    private (JsonValue? Output, StatesError? Error) Run()
    {
        var name = _definition.StartAt;
        var value = _input;
        for (var transitions = 0; transitions < MaxTransitions; transitions++)
        {
            var state = _definition.States[name];
            var context = Context(name);
            try
            {
                switch (state)
                {
                    case PassState pass:
                        value = RunPass(pass, value, context);
                        break;
                    case ChoiceState choice:
                        (value, var next) = RunChoice(choice, value, context);
                        name = next;
                        continue;
                    case SucceedState succeed:
                        return (Output(succeed, InputOutputPath.Compile(succeed.InputPath).Apply(Scope(value, context)), context), null);
                    case FailState fail:
                        return (null, RunFail(fail, value, context));
                }
            }
            catch (StatesErrorException e)
            {
                return (null, e.Error);
            }

            var transition = (TransitionState)state;
            if (transition.End)
                return (value, null);
            name = transition.Next!;
        }

        throw new InvalidOperationException($"more than {MaxTransitions} transitions");
    }

    private JsonValue RunPass(PassState pass, JsonValue raw, JsonObject context)
    {
        var effective = InputOutputPath.Compile(pass.InputPath).Apply(Scope(raw, context));
        var result = pass.Parameters is { } parameters
            ? PayloadTemplate.Compile(parameters).Evaluate(Scope(effective, context))
            : pass.Result ?? effective;
        Assign(pass.Assign, Scope(result, context));
        return Output(pass, ResultPathWriter.Apply(raw, pass.ResultPath, result), context);
    }

    private (JsonValue Output, string Next) RunChoice(ChoiceState choice, JsonValue raw, JsonObject context)
    {
        var effective = InputOutputPath.Compile(choice.InputPath).Apply(Scope(raw, context));
        var scope = Scope(effective, context);
        foreach (var rule in choice.Choices)
        {
            if (!ConditionEvaluator.Compile(rule.Condition).Evaluate(scope))
                continue;
            Assign(rule.Assign, scope);
            return (Output(choice, effective, context), rule.Next);
        }

        if (choice.Default is not { } fallback)
            throw new StatesErrorException(ErrorNames.Runtime, "No Choice Rules matched and no Default was specified");
        Assign(choice.Assign, scope);
        return (Output(choice, effective, context), fallback);
    }

    private StatesError RunFail(FailState fail, JsonValue raw, JsonObject context)
    {
        var scope = Scope(raw, context);
        var error = fail.Error ?? (fail.ErrorPath is { } errorPath ? Text(FieldExpression.Compile(errorPath).Evaluate(scope, "ErrorPath")) : null);
        var cause = fail.Cause ?? (fail.CausePath is { } causePath ? Text(FieldExpression.Compile(causePath).Evaluate(scope, "CausePath")) : null);
        return new StatesError(error ?? "", cause ?? "");
    }

    private JsonValue Output(DataFlowState state, JsonValue value, JsonObject context) =>
        InputOutputPath.Compile(state.OutputPath).Apply(Scope(value, context));

    /// <summary>Every value is computed before any is assigned, so an Assign reads the variables as they were.</summary>
    private void Assign(JsonObject? assign, IEvaluationScope scope)
    {
        if (assign is null)
            return;
        var values = (JsonObject)PayloadTemplate.Compile(assign).Evaluate(scope);
        foreach (var (name, value) in values)
            _variables[name] = value;
    }

    private RunnerScope Scope(JsonValue input, JsonObject context) => new(input, context, _variables);

    private JsonObject Context(string stateName) => (JsonObject)JsonValue.Parse($$"""
        {
          "Execution": {
            "Id": "arn:aws:states:us-east-1:111111111111:{{(_isExpress ? "express:machine-name:execution-name:run-id" : "execution:machine-name:execution-name")}}",
            "Input": {{_input.ToJson()}},
            "Name": "execution-name",{{(_isExpress ? "" : " \"RedriveCount\": 0,")}} "RoleArn": "arn:aws:iam::111111111111:role/role-name", "StartTime": "2025-01-01T00:00:00.000Z"
          },
          "State": { "EnteredTime": "2025-01-01T00:00:00.000Z", "Name": {{JsonValue.FromString(stateName).ToJson()}} },
          "StateMachine": { "Id": "arn:aws:states:us-east-1:111111111111:stateMachine:machine-name", "Name": "machine-name" }
        }
        """);

    private static string Text(JsonValue value) => value is JsonString s ? s.Value : value.ToJson();

    private sealed class RunnerScope(JsonValue input, JsonObject context, Dictionary<string, JsonValue> variables) : IEvaluationScope
    {
        public JsonValue Input => input;

        public JsonValue Context => context;

        public Random Random { get; } = new(1);

        public bool TryGetVariable(string name, out JsonValue value) => variables.TryGetValue(name, out value!);
    }
}
