using SageBuild.Engine.Expressions;
using SageBuild.Engine.Jsonata.Functions;
using SageBuild.Engine.Jsonata.Runtime;
using SageBuild.StateMachines.Json;
using SageBuild.StateMachines.Jsonata;
using SageBuild.StateMachines.Model;

namespace SageBuild.Engine.Jsonata;

/// <summary>
/// A compiled JSONata expression: parsed once, immutable, safe to share between threads and to cache per definition.
/// Evaluation never changes the input, and each evaluation reads its own clock and random source from the bindings.
/// </summary>
public sealed partial class JsonataExpression
{
    private readonly JsonataNode _root;

    // Whether $states.context can be read: then the engine builds the context object for this expression.
    private readonly bool _readsContext;

    // The plain shapes most fields are written in, evaluated without the general evaluator (null for other shapes).
    private readonly JsonataFastPath? _fast;

    private JsonataExpression(string text, JsonataNode root)
    {
        Text = text;
        _root = root;
        _readsContext = ReadsContext(text);
        _fast = JsonataFastPath.TryCompile(root) is { Depth: < 90 } fast ? fast : null;
    }

    /// <summary>The expression as written (without <c>{% %}</c>), trimmed, as AWS quotes it in causes.</summary>
    public string Text { get; }

    /// <summary>
    /// Parses <paramref name="expression"/>, which may be given with or without its <c>{% %}</c> delimiters.
    /// Throws <see cref="JsonataSyntaxException"/> with JSONata's code and position when it does not parse.
    /// </summary>
    public static JsonataExpression Compile(string expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        var text = JsonataSyntax.TryUnwrap(expression, out var inner) ? inner : expression;
        return new JsonataExpression(text.Trim(), JsonataParser.Parse(text));
    }

    /// <summary>
    /// Evaluates against <paramref name="input"/> (the context value <c>$</c>; Step Functions evaluates with none) and
    /// returns the result, or null when it is undefined. Throws <see cref="StatesErrorException"/> with
    /// <c>States.QueryEvaluationError</c> when evaluation fails or the result is a function.
    /// </summary>
    public JsonValue? Evaluate(JsonValue? input = null, JsonataBindings? bindings = null)
    {
        var outcome = Run(input, bindings ?? JsonataBindings.Empty);
        if (outcome.Error is { } error)
            throw new StatesErrorException(ErrorNames.QueryEvaluationError, $"The JSONata expression '{Text}' threw an error: {outcome.Code}: {error}");
        if (outcome.Value is JsonataFunction)
            throw new StatesErrorException(ErrorNames.QueryEvaluationError, $"The JSONata expression '{Text}' returned an unsupported result type.");
        return JsonataValues.ToJson(outcome.Value);
    }

    /// <summary>
    /// Evaluates for the state field <paramref name="location"/> (such as <c>Items</c> or <c>Assign/total</c>): an
    /// undefined result, a function or an error becomes a <see cref="JsonataFailure"/> worded as AWS words it.
    /// </summary>
    public bool TryEvaluate(JsonataBindings bindings, string location, out JsonValue value, out JsonataFailure? failure) =>
        TryEvaluate(null, bindings, location, out value, out failure);

    /// <summary>As <see cref="TryEvaluate(JsonataBindings, string, out JsonValue, out JsonataFailure?)"/>, with a context value.</summary>
    public bool TryEvaluate(JsonValue? input, JsonataBindings bindings, string location, out JsonValue value, out JsonataFailure? failure)
    {
        ArgumentNullException.ThrowIfNull(bindings);
        ArgumentNullException.ThrowIfNull(location);
        value = JsonNull.Instance;
        var outcome = Run(input, bindings);
        if (outcome.Error is { } error)
        {
            failure = JsonataFailure.Threw(Text, location, outcome.Code!, error);
            return false;
        }

        switch (outcome.Value)
        {
            case null:
                failure = JsonataFailure.ReturnedNothing(Text, location);
                return false;
            case JsonataFunction:
                failure = JsonataFailure.UnsupportedResultType(Text, location);
                return false;
            default:
                value = JsonataValues.ToJson(outcome.Value)!;
                failure = null;
                return true;
        }
    }

    /// <summary>
    /// Conservative: the text names <c>context</c> anywhere, or uses <c>$states</c> other than as
    /// <c>$states.input</c>, <c>.result</c> or <c>.errorOutput</c> (passed whole, <c>$states.*</c>, <c>$states[...]</c>).
    /// </summary>
    private static bool ReadsContext(string text) =>
        text.Contains("context", StringComparison.Ordinal) || WholeStates().IsMatch(text);

    [System.Text.RegularExpressions.GeneratedRegex(@"\$states(?!\s*\.\s*(input|result|errorOutput)\b)", System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex WholeStates();

    private (object? Value, string? Code, string? Error) Run(JsonValue? input, JsonataBindings bindings)
    {
        var library = JsonataLibrary.For(bindings.Dialect);
        var scope = new JsonataFastScope(bindings, library, _readsContext);
        if (_fast is not null && _fast.TryEvaluate(scope, out var fast))
            return (fast, null, null);
        Func<string, object?> fallback = scope.Resolve;
        var settings = bindings.Dialect == JsonataDialect.StepFunctions
            ? new JsonataEvaluationSettings(bindings.Clock, bindings.Random, bindings.RandomSource, MaxDepth: 100, Timeout: TimeSpan.FromSeconds(5))
            : new JsonataEvaluationSettings(bindings.Clock, bindings.Random, bindings.RandomSource, MaxDepth: int.MaxValue, Timeout: null);
        var evaluator = new JsonataEvaluator(settings);
        try
        {
            return (evaluator.EvaluateRoot(_root, input, fallback), null, null);
        }
        catch (JsonataRuntimeException e)
        {
            return (null, e.Code, e.Position >= 0 ? $"{e.Message} (at position {e.Position})" : e.Message);
        }
        catch (System.Text.RegularExpressions.RegexMatchTimeoutException)
        {
            return (null, "D1012", JsonataErrorMessages.Message("D1012"));
        }
        catch (Exception e) when (e is ArgumentException or InvalidCastException or IndexOutOfRangeException or OverflowException or FormatException or NullReferenceException)
        {
            // A defect in the evaluator must fail the state, not the engine; the code marks it as ours.
            return (null, "U0000", $"internal evaluator error: {e.GetType().Name}: {e.Message}");
        }
    }
}
