using SageBuild.StateMachines.Expressions;
using SageBuild.StateMachines.Json;

namespace SageBuild.Engine.Expressions;

/// <summary>
/// A compiled ResultPath: where a result goes in a state's input. The input is never changed; the result is a
/// copy along the path only, sharing everything else with the input.
/// </summary>
public sealed class ResultPathTarget
{
    private readonly object[] _steps;

    private ResultPathTarget(JsonPath path)
    {
        Path = path;
        _steps = new object[path.Segments.Count];
        for (var i = 0; i < _steps.Length; i++)
        {
            _steps[i] = path.Segments[i] switch
            {
                PropertySegment p => p.Name,
                IndexSegment index => index.Index,
                _ => throw new FormatException($"ResultPath must be a reference path: '{path.Text}' is not"),
            };
        }
    }

    /// <summary>The path.</summary>
    public JsonPath Path { get; }

    /// <summary>Compiles a reference path into the input (it starts with <c>$</c>); throws <see cref="FormatException"/> otherwise.</summary>
    public static ResultPathTarget Compile(string path)
    {
        var parsed = JsonPath.ParseReferencePath(path ?? throw new ArgumentNullException(nameof(path)));
        if (parsed.Root != JsonPathRoot.Input)
            throw new FormatException($"ResultPath '{path}' must start with '$': a result goes into the state's input");
        return new ResultPathTarget(parsed);
    }

    /// <summary>
    /// The input with <paramref name="result"/> at the path. Missing objects on the way are created; an existing
    /// array item is replaced. Going through anything else (a string, a number, null, an array by name, or an item
    /// that is not there) throws <see cref="StatesErrorException"/> with States.ResultPathMatchFailure.
    /// </summary>
    public JsonValue Apply(JsonValue input, JsonValue result)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(result);
        return Set(input, 0, result, input);
    }

    private JsonValue Set(JsonValue current, int step, JsonValue result, JsonValue input)
    {
        if (step == _steps.Length)
            return result;
        if (_steps[step] is string name)
        {
            if (current is not JsonObject obj)
                throw ExpressionErrors.ResultPathMatch(Path.Text, input);
            var child = obj.TryGetValue(name, out var existing) ? Set(existing, step + 1, result, input) : Create(step + 1, result, input);
            return obj.With(name, child);
        }

        var index = (int)_steps[step];
        if (current is not JsonArray array)
            throw ExpressionErrors.ResultPathMatch(Path.Text, input);
        var at = index < 0 ? array.Count + index : index;
        if ((uint)at >= (uint)array.Count)
            throw ExpressionErrors.ResultPathMatch(Path.Text, input);
        var items = array.AsSpan().ToArray();
        items[at] = Set(items[at], step + 1, result, input);
        return JsonArray.Wrap(items);
    }

    /// <summary>The objects the rest of the path needs, with the result at the end; an index cannot be created.</summary>
    private JsonValue Create(int step, JsonValue result, JsonValue input)
    {
        if (step == _steps.Length)
            return result;
        if (_steps[step] is not string name)
            throw ExpressionErrors.ResultPathMatch(Path.Text, input);
        return JsonObject.Create((name, Create(step + 1, result, input)));
    }
}
