using System.Runtime.CompilerServices;
using SageBuild.Engine.Jsonata.Runtime;
using SageBuild.StateMachines.Json;
using SageBuild.StateMachines.Jsonata;

namespace SageBuild.Engine.Jsonata;

/// <summary>
/// Evaluates a parsed JSONata tree with JSONata 2.x semantics. One evaluator serves one evaluation: it holds the
/// per-run state (the clock reading, the random source, the depth guard) while the tree itself stays shared.
/// </summary>
internal sealed partial class JsonataEvaluator
{
    // Checking the clock on every node would cost more than the nodes; every few thousand is plenty for a guard.
    private const int TimeoutCheckInterval = 4096;

    private readonly JsonataEvaluationSettings _settings;
    private readonly long _deadline;
    private int _depth;
    private int _sinceTimeCheck;
    private Random? _random;
    private DateTimeOffset? _now;

    public JsonataEvaluator(JsonataEvaluationSettings settings)
    {
        _settings = settings;
        _deadline = settings.Timeout is { } timeout ? Environment.TickCount64 + (long)timeout.TotalMilliseconds : long.MaxValue;
    }

    /// <summary>The moment <c>$now()</c> and <c>$millis()</c> report: read once, so it stays constant within an evaluation.</summary>
    public DateTimeOffset Now => _now ??= _settings.Clock.GetUtcNow();

    /// <summary>The random source for <c>$random</c>, <c>$shuffle</c> and <c>$uuid</c>.</summary>
    public Random Random => _random ??= _settings.Random ?? _settings.RandomSource?.Invoke() ?? new Random();

    /// <summary>The root scope of this evaluation, which <c>$eval</c> evaluates in.</summary>
    public JsonataFrame? CurrentRoot { get; private set; }

    /// <summary>Evaluates <paramref name="root"/> against <paramref name="input"/> in a fresh scope over <paramref name="fallback"/>.</summary>
    public object? EvaluateRoot(JsonataNode root, object? input, Func<string, object?> fallback)
    {
        var environment = new JsonataFrame(null, fallback);
        environment.Bind("$", input);
        CurrentRoot = environment;
        // An input array is one context item, not a sequence of them.
        if (input is JsonArray)
        {
            var wrapper = new JsonataSequence { IsSequence = true, OuterWrapper = true };
            wrapper.Add(input);
            input = wrapper;
        }

        return Evaluate(root, input, environment);
    }

    public object? Evaluate(JsonataNode expr, object? input, JsonataFrame environment)
    {
        Enter();
        {
            var result = expr.Type switch
            {
                JsonataNodeType.Path => EvaluatePath(expr, input, environment),
                JsonataNodeType.Binary => EvaluateBinary(expr, input, environment),
                JsonataNodeType.Unary => EvaluateUnary(expr, input, environment),
                JsonataNodeType.Name => Lookup(input, expr.Value),
                JsonataNodeType.String or JsonataNodeType.Number or JsonataNodeType.Value => expr.Literal,
                JsonataNodeType.Wildcard => EvaluateWildcard(input),
                JsonataNodeType.Descendant => EvaluateDescendants(input),
                JsonataNodeType.Parent => environment.Lookup(expr.Slot!.Label),
                JsonataNodeType.Condition => EvaluateCondition(expr, input, environment),
                JsonataNodeType.Block => EvaluateBlock(expr, input, environment),
                JsonataNodeType.Bind => EvaluateBind(expr, input, environment),
                JsonataNodeType.Regex => new JsonataRegexFunction(JsonataRegexCache.Get(expr.RegexPattern!, expr.RegexFlags ?? ""), expr.RegexPattern!),
                JsonataNodeType.Function => EvaluateFunction(expr, input, environment, hasContext: false, context: null),
                JsonataNodeType.Variable => EvaluateVariable(expr, input, environment),
                JsonataNodeType.Lambda => new JsonataLambda(expr, input, environment),
                JsonataNodeType.Partial => EvaluatePartialApplication(expr, input, environment),
                JsonataNodeType.Apply => EvaluateApply(expr, input, environment),
                JsonataNodeType.Transform => new JsonataTransformFunction(expr, environment),
                _ => throw new JsonataRuntimeException("S0206", token: expr.Value, position: expr.Position),
            };

            if (expr.Predicates is { } predicates)
            {
                foreach (var predicate in predicates)
                    result = EvaluateFilter(predicate, result, environment);
            }

            if (expr.Type != JsonataNodeType.Path && expr.Group is { } group)
                result = EvaluateGroup(group.Pairs, group.Position, result, environment);

            if (result is JsonataSequence { IsSequence: true, TupleStream: false } sequence)
            {
                if (expr.KeepArray)
                    sequence.KeepSingleton = true;
                if (sequence.Count == 0)
                    result = null;
                else if (sequence.Count == 1)
                    result = sequence.KeepSingleton ? sequence : sequence[0];
            }

            // Not in a finally: an error ends the evaluation, and a finally at every level of a deep recursion
            // costs stack while the exception unwinds.
            _depth--;
            return result;
        }
    }

    /// <summary>The current nesting depth, which <c>$eval</c> restores after an error it reports as its own.</summary>
    public int Depth
    {
        get => _depth;
        set => _depth = value;
    }

    private void Enter()
    {
        _depth++;
        if (_depth > _settings.MaxDepth || !RuntimeHelpers.TryEnsureSufficientExecutionStack())
            throw new JsonataRuntimeException("D1011", $"{_depth} max={_settings.MaxDepth}");
        if (++_sinceTimeCheck >= TimeoutCheckInterval)
        {
            _sinceTimeCheck = 0;
            if (Environment.TickCount64 > _deadline)
                throw new JsonataRuntimeException("D1012");
        }
    }

    private static object? EvaluateVariable(JsonataNode expr, object? input, JsonataFrame environment)
    {
        if (expr.Value.Length == 0)
            return input is JsonataSequence { OuterWrapper: true } wrapper ? wrapper[0] : input;
        return environment.Lookup(expr.Value);
    }

    private object? EvaluateCondition(JsonataNode expr, object? input, JsonataFrame environment)
    {
        var condition = Evaluate(expr.Condition!, input, environment);
        if (JsonataValues.IsTruthy(condition))
            return Evaluate(expr.Then!, input, environment);
        return expr.Else is null ? null : Evaluate(expr.Else, input, environment);
    }

    private object? EvaluateBlock(JsonataNode expr, object? input, JsonataFrame environment)
    {
        // A block is a scope: variables bound inside it are not seen outside.
        var frame = new JsonataFrame(environment);
        object? result = null;
        foreach (var expression in expr.Expressions!)
            result = Evaluate(expression, input, frame);
        return result;
    }

    private object? EvaluateBind(JsonataNode expr, object? input, JsonataFrame environment)
    {
        var value = Evaluate(expr.Rhs!, input, environment);
        environment.Bind(expr.Lhs!.Value, value);
        return value;
    }

    /// <summary>JSONata's field lookup: over an array it maps and flattens one level; on anything but an object it is undefined.</summary>
    public static object? Lookup(object? input, string key)
    {
        switch (input)
        {
            case JsonObject o:
                return o.TryGetValue(key, out var value) ? value : null;
            case JsonataMap m:
                return m[key];
            case JsonArray or JsonataSequence:
                var result = JsonataSequence.Create();
                var count = JsonataValues.Count(input);
                for (var i = 0; i < count; i++)
                {
                    var item = Lookup(JsonataValues.Item(input, i), key);
                    if (item is null)
                        continue;
                    if (JsonataValues.IsArray(item))
                    {
                        var n = JsonataValues.Count(item);
                        for (var j = 0; j < n; j++)
                            result.Add(JsonataValues.Item(item, j));
                    }
                    else
                    {
                        result.Add(item);
                    }
                }

                return result;
            default:
                return null;
        }
    }

    private static JsonataSequence EvaluateWildcard(object? input)
    {
        var results = JsonataSequence.Create();
        if (input is JsonataSequence { OuterWrapper: true, Count: > 0 } wrapper)
            input = wrapper[0];
        // In JavaScript an array is an object whose keys are its indexes, so * also yields an array's items.
        var values = JsonataValues.IsArray(input) ? JsonataValues.Items(input) : JsonataValues.Properties(input).Select(p => p.Value);
        foreach (var value in values)
        {
            if (JsonataValues.IsArray(value))
                Flatten(value, results);
            else
                results.Add(value);
        }

        return results;
    }

    private static void Flatten(object? value, JsonataSequence into)
    {
        if (JsonataValues.IsArray(value))
        {
            var count = JsonataValues.Count(value);
            for (var i = 0; i < count; i++)
                Flatten(JsonataValues.Item(value, i), into);
        }
        else
        {
            into.Add(value);
        }
    }

    private static object? EvaluateDescendants(object? input)
    {
        if (input is null)
            return null;
        var results = JsonataSequence.Create();
        RecurseDescendants(input, results);
        return results.Count == 1 ? results[0] : results;
    }

    private static void RecurseDescendants(object? input, JsonataSequence results)
    {
        if (JsonataValues.IsArray(input))
        {
            var count = JsonataValues.Count(input);
            for (var i = 0; i < count; i++)
                RecurseDescendants(JsonataValues.Item(input, i), results);
            return;
        }

        results.Add(input);
        foreach (var (_, value) in JsonataValues.Properties(input))
            RecurseDescendants(value, results);
    }
}
