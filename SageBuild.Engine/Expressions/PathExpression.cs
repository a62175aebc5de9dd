using System.Diagnostics.CodeAnalysis;
using SageBuild.StateMachines.Expressions;
using SageBuild.StateMachines.Json;
using SageBuild.StateMachines.Model;

namespace SageBuild.Engine.Expressions;

/// <summary>
/// A compiled JSONPath: <c>$...</c> over the input, <c>$$...</c> over the context object, <c>$name...</c> over a
/// variable. A path of properties and indexes runs as a tight loop over a step array and allocates nothing; any
/// other path is walked by <see cref="PathEvaluator"/> and gives a JSON array of its matches, as Jayway does.
/// Thread-safe and immutable: compile once per definition and share.
/// </summary>
public sealed class PathExpression
{
    private readonly PathStep[]? _steps;
    private readonly PathTail _tail;
    private readonly string[]? _mergedNames;
    private readonly PathEvaluator? _evaluator;
    private readonly JsonPathRoot _root;
    private readonly string? _variable;

    private PathExpression(JsonPath syntax)
    {
        Syntax = syntax;
        _root = syntax.Root;
        _variable = syntax.VariableName;
        var segments = syntax.Segments;
        if (PathStep.TryCompile(segments, out var steps, out var tail, out var merged))
        {
            _steps = steps;
            _tail = tail;
            _mergedNames = merged;
        }
        else
        {
            var hasLength = segments.Count > 0 && segments[^1] is FunctionSegment;
            _evaluator = new PathEvaluator(hasLength ? segments.AsSpan()[..^1] : segments.AsSpan());
            _tail = hasLength ? TailOf((FunctionSegment)segments[^1]) : PathTail.None;
        }
    }

    /// <summary>The path as written.</summary>
    public string Text => Syntax.Text;

    /// <summary>The parsed path.</summary>
    public JsonPath Syntax { get; }

    /// <summary>Whether the path selects at most one node (a reference path: no wildcards, filters, slices or unions).</summary>
    public bool IsDefinite => Syntax.IsDefinite;

    /// <summary>Compiles <paramref name="path"/>; throws <see cref="FormatException"/> saying where it fails to parse.</summary>
    public static PathExpression Compile(string path) => new(JsonPath.Parse(path ?? throw new ArgumentNullException(nameof(path))));

    /// <summary>Compiles an already parsed path.</summary>
    public static PathExpression Compile(JsonPath path) => new(path ?? throw new ArgumentNullException(nameof(path)));

    /// <summary>
    /// Selects the value at this path. A definite path gives its node; an indefinite one gives a JSON array of its matches.
    /// Returns false when a definite path matches nothing.
    /// </summary>
    public bool TrySelect(IEvaluationScope scope, [MaybeNullWhen(false)] out JsonValue value)
    {
        ArgumentNullException.ThrowIfNull(scope);
        if (!TryGetRoot(scope, out var root))
        {
            value = null;
            return false;
        }

        return TrySelectFrom(root, out value);
    }

    /// <summary>
    /// Selects the value at this path, or throws <see cref="StatesErrorException"/> with States.Runtime and AWS's
    /// wording, such as <c>Invalid path '$.x' : No results for path: $['x']</c>. For InputPath, OutputPath and
    /// the <c>…Path</c> fields; the engine adds the "An error occurred while executing the state ..." prefix.
    /// </summary>
    public JsonValue Select(IEvaluationScope scope)
    {
        if (TrySelect(scope, out var value))
            return value;
        throw new StatesErrorException(ErrorNames.Runtime, $"Invalid path '{Text}' : {DescribeMiss(scope)}");
    }

    /// <summary>Why this path finds nothing in <paramref name="scope"/>, in Jayway's words.</summary>
    public string DescribeMiss(IEvaluationScope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        if (!TryGetRoot(scope, out var root))
            return $"No variable named '{Syntax.VariableName}' has been assigned";
        return PathMessages.DescribeMiss(Syntax, root);
    }

    /// <inheritdoc />
    public override string ToString() => Text;

    /// <summary>Selects from an explicit root; filters use it for <c>@</c> and <c>$</c> paths.</summary>
    internal bool TrySelectFrom(JsonValue root, [MaybeNullWhen(false)] out JsonValue value)
    {
        if (_steps is not null)
            return TrySelectDefinite(root, out value);
        var matches = new List<JsonValue>();
        _evaluator!.Evaluate(root, root, matches);
        if (_tail == PathTail.Length)
        {
            value = JsonNumber.From(matches.Count);
            return true;
        }

        if (_tail == PathTail.Unsupported)
        {
            value = null;
            return false;
        }

        value = JsonArray.Wrap([.. matches]);
        return true;
    }

    private bool TrySelectDefinite(JsonValue root, [MaybeNullWhen(false)] out JsonValue value)
    {
        var current = root;
        foreach (ref readonly var step in _steps.AsSpan())
        {
            if (!step.TryApply(current, out current))
            {
                value = null;
                return false;
            }
        }

        switch (_tail)
        {
            case PathTail.None:
                value = current;
                return true;
            case PathTail.Length:
                return TryLength(current, out value);
            case PathTail.MergeNames:
                value = Merge(current, _mergedNames!);
                return value is not null;
            default:
                value = null;
                return false;
        }
    }

    private bool TryGetRoot(IEvaluationScope scope, [MaybeNullWhen(false)] out JsonValue root)
    {
        switch (_root)
        {
            case JsonPathRoot.Input:
                root = scope.Input;
                return true;
            case JsonPathRoot.Context:
                root = scope.Context;
                return true;
            default:
                return scope.TryGetVariable(_variable!, out root!);
        }
    }

    /// <summary>Jayway's length(): the number of items of an array or members of an object.</summary>
    private static bool TryLength(JsonValue value, [MaybeNullWhen(false)] out JsonValue length)
    {
        length = value switch
        {
            JsonArray array => JsonNumber.From(array.Count),
            JsonObject obj => JsonNumber.From(obj.Count),
            _ => null,
        };
        return length is not null;
    }

    /// <summary>Jayway's trailing <c>['a','b']</c>: one object of those named properties that exist.</summary>
    private static JsonObject? Merge(JsonValue value, string[] names)
    {
        if (value is not JsonObject obj)
            return null;
        var builder = new JsonObjectBuilder(names.Length);
        foreach (var name in names)
        {
            if (obj.TryGetValue(name, out var member))
                builder.Set(name, member);
        }

        return builder.Build();
    }

    private static PathTail TailOf(FunctionSegment function) =>
        function.Name == FunctionSegment.Length ? PathTail.Length : PathTail.Unsupported;
}
