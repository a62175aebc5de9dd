using SageBuild.Engine.Jsonata;
using SageBuild.StateMachines.Json;
using SageBuild.StateMachines.Jsonata;

namespace SageBuild.Engine.Execution;

/// <summary>
/// How a JSONata state evaluates its fields: the bindings of <c>$states</c> and the variables for one evaluation, and
/// the templates compiled once when the definition is prepared (never per execution).
/// </summary>
internal static class JsonataFields
{
    /// <summary>Compiles a field's template; a syntax error (the validator normally refuses it first) is a definition error.</summary>
    public static JsonataTemplate? Template(JsonValue? value, string field)
    {
        if (value is null)
            return null;
        try
        {
            return JsonataTemplate.Compile(value, field);
        }
        catch (JsonataSyntaxException e)
        {
            throw new FormatException($"{field}: {e.Message}", e);
        }
    }

    /// <summary>
    /// What one evaluation sees: <c>$states.input</c>, <c>.result</c> or <c>.errorOutput</c> where the field has them,
    /// <c>$states.context</c> (built only when read), the frame's variables, clock and the execution's random source.
    /// </summary>
    public static JsonataBindings Bindings(RunFrame frame, JsonValue input, JsonValue? result = null, JsonValue? errorOutput = null) => new()
    {
        Input = input,
        Result = result,
        ErrorOutput = errorOutput,
        ContextSource = frame.ContextSource,
        VariableResolver = frame.VariableResolver,
        Clock = frame.Clock,
        RandomSource = frame.RandomSource,
    };

    /// <summary>Evaluates a template; a failure becomes a <see cref="QueryEvaluationException"/> for the state to report.</summary>
    public static JsonValue Evaluate(JsonataTemplate template, JsonataBindings bindings) =>
        template.TryEvaluate(bindings, out var value, out var failure) ? value : throw QueryEvaluationException.From(failure!);

    /// <summary>The variables an Assign sets, or null without one.</summary>
    public static JsonObject? Assign(JsonataTemplate? assign, JsonataBindings bindings) =>
        assign is null ? null : Evaluate(assign, bindings) as JsonObject ?? JsonObject.Empty;

    /// <summary>The Output's value, or <paramref name="fallback"/> (the state's default output) without one.</summary>
    public static JsonValue Output(JsonataTemplate? output, JsonataBindings bindings, JsonValue fallback) =>
        output is null ? fallback : Evaluate(output, bindings);
}
