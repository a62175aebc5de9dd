using SageBuild.Engine.Expressions;
using SageBuild.StateMachines.Json;
using SageBuild.StateMachines.Model;

namespace SageBuild.Engine.Execution;

/// <summary>A Map's numeric settings, each a literal or a reference path, checked as AWS checks them when the state runs.</summary>
internal sealed class MapSettings
{
    private readonly double? _maxConcurrency;
    private readonly PathExpression? _maxConcurrencyPath;
    private readonly double? _toleratedCount;
    private readonly PathExpression? _toleratedCountPath;
    private readonly double? _toleratedPercentage;
    private readonly PathExpression? _toleratedPercentagePath;
    private readonly JsonataValueField? _jsonataMaxConcurrency;
    private readonly JsonataValueField? _jsonataToleratedCount;
    private readonly JsonataValueField? _jsonataToleratedPercentage;

    public MapSettings(MapState state, bool jsonata = false)
    {
        if (jsonata)
        {
            // In JSONata each setting is a literal or an expression (the *Path fields are JSONPath's).
            _jsonataMaxConcurrency = JsonataValueField.From(state.MaxConcurrency, "MaxConcurrency");
            _jsonataToleratedCount = JsonataValueField.From(state.ToleratedFailureCount, "ToleratedFailureCount");
            _jsonataToleratedPercentage = JsonataValueField.From(state.ToleratedFailurePercentage, "ToleratedFailurePercentage");
            return;
        }

        _maxConcurrency = state.MaxConcurrency?.Number;
        _maxConcurrencyPath = Compile(state.MaxConcurrencyPath);
        _toleratedCount = state.ToleratedFailureCount?.Number;
        _toleratedCountPath = Compile(state.ToleratedFailureCountPath);
        _toleratedPercentage = state.ToleratedFailurePercentage?.Number;
        _toleratedPercentagePath = Compile(state.ToleratedFailurePercentagePath);
    }

    /// <summary>Whether any failure tolerance is configured (without one, the first failed item fails the Map).</summary>
    public bool HasToleratedCount => _toleratedCount is not null || _toleratedCountPath is not null || _jsonataToleratedCount is not null;

    public bool HasToleratedPercentage => _toleratedPercentage is not null || _toleratedPercentagePath is not null || _jsonataToleratedPercentage is not null;

    public bool HasTolerance => HasToleratedCount || HasToleratedPercentage;

    public int MaxConcurrency(RunFrame frame, JsonValue input)
    {
        if (_jsonataMaxConcurrency is { } field)
            return JsonataInteger(field, frame, input);
        return _maxConcurrencyPath is null ? (int)(_maxConcurrency ?? 0) : Integer(frame, input, _maxConcurrencyPath, "MaxConcurrencyPath");
    }

    public int ToleratedFailureCount(RunFrame frame, JsonValue input)
    {
        if (_jsonataToleratedCount is { } field)
            return JsonataInteger(field, frame, input);
        var count = _toleratedCountPath is null ? (int)(_toleratedCount ?? 0) : Integer(frame, input, _toleratedCountPath, "ToleratedFailureCountPath");
        return count >= 0 ? count : throw new StatesErrorException(ErrorNames.Runtime, "ToleratedFailureCount cannot be negative.");
    }

    public double ToleratedFailurePercentage(RunFrame frame, JsonValue input)
    {
        double percentage;
        if (_jsonataToleratedPercentage is { } field)
        {
            var value = field.Evaluate(JsonataFields.Bindings(frame, input));
            percentage = value is JsonNumber n ? n.Value : throw field.Unexpected("number", value);
            return percentage is >= 0 and <= 100 ? percentage : throw field.OutOfRange("be between 0 and 100", value);
        }

        if (_toleratedPercentagePath is null)
        {
            percentage = _toleratedPercentage ?? 0;
        }
        else
        {
            var value = Select(frame, input, _toleratedPercentagePath);
            percentage = value is JsonNumber n
                ? n.Value
                : throw new StatesErrorException(ErrorNames.Runtime, $"The ToleratedFailurePercentagePath field refers to value \"{Describe(value)}\" which is not a valid number: {_toleratedPercentagePath.Text}");
        }

        return percentage is >= 0 and <= 100
            ? percentage
            : throw new StatesErrorException(ErrorNames.Runtime, "ToleratedFailurePercentage must be between 0 and 100.");
    }

    private static int Integer(RunFrame frame, JsonValue input, PathExpression path, string field)
    {
        var value = Select(frame, input, path);
        if (value is JsonNumber n && n.TryGetInt64(out var whole) && whole is >= int.MinValue and <= int.MaxValue)
            return (int)whole;
        // AWS reads a string that holds an integer as that integer: a variable assigned "1" gives MaxConcurrency 1
        // (test_reference_in_map_state[MAP_STATE_REFERENCE_IN_MAX_CONCURRENCY_PATH]).
        if (value is JsonString s && int.TryParse(s.Value, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var parsed))
            return parsed;
        throw new StatesErrorException(ErrorNames.Runtime, $"The {field} field refers to value \"{Describe(value)}\" which is not a valid integer: {path.Text}");
    }

    /// <summary>A JSONata MaxConcurrency or ToleratedFailureCount: a non-negative whole number.</summary>
    private static int JsonataInteger(JsonataValueField field, RunFrame frame, JsonValue input)
    {
        var value = field.Evaluate(JsonataFields.Bindings(frame, input));
        if (value is not JsonNumber n)
            throw field.Unexpected("number", value);
        return n.TryGetInt64(out var whole) && whole is >= 0 and <= int.MaxValue ? (int)whole : throw field.OutOfRange("be a non-negative integer", value);
    }

    private static JsonValue Select(RunFrame frame, JsonValue input, PathExpression path) =>
        frame.TrySelect(path, input, out var value)
            ? value
            : throw new StatesErrorException(ErrorNames.Runtime, $"Invalid path '{path.Text}' : No results for path: {PreparedPath.Normalise(path.Text)}");

    private static string Describe(JsonValue value) => value switch
    {
        JsonString s => s.Value,
        JsonNumber n => n.ToText(),
        _ => value.ToJson(),
    };

    private static PathExpression? Compile(string? path) => path is null ? null : PathExpression.Compile(path);
}
