using System.Globalization;
using SageBuild.Engine.Jsonata;
using SageBuild.StateMachines.Json;
using SageBuild.StateMachines.Jsonata;
using SageBuild.StateMachines.Model;

namespace SageBuild.Engine.Execution;

/// <summary>
/// A single-valued field of a JSONata state (Seconds, Timestamp, MaxConcurrency, Error, Cause ...): a literal, or a
/// <c>{% %}</c> expression compiled once and evaluated when the state runs. Checks the type the field needs and words a
/// mismatch as AWS does ("returned an unexpected result type. Expected 'number', but was ...").
/// </summary>
internal sealed class JsonataValueField
{
    private readonly JsonValue? _literal;
    private readonly JsonataExpression? _expression;

    private JsonataValueField(string field, JsonValue? literal, JsonataExpression? expression)
    {
        Field = field;
        _literal = literal;
        _expression = expression;
    }

    public string Field { get; }

    public bool IsExpression => _expression is not null;

    public static JsonataValueField? From(NumberOrJsonata? value, string field) => value switch
    {
        null => null,
        { IsExpression: true } v => new JsonataValueField(field, null, Compile(v.Expression!, field)),
        { } v => new JsonataValueField(field, JsonNumber.From(v.Number!.Value), null),
    };

    public static JsonataValueField? From(string? value, string field)
    {
        if (value is null)
            return null;
        return JsonataSyntax.IsExpression(value)
            ? new JsonataValueField(field, null, Compile(value, field))
            : new JsonataValueField(field, JsonString.From(value), null);
    }

    /// <summary>The value: the literal, or the expression's result (a failure throws <see cref="QueryEvaluationException"/>).</summary>
    public JsonValue Evaluate(JsonataBindings bindings)
    {
        if (_expression is null)
            return _literal!;
        return _expression.TryEvaluate(bindings, Field, out var value, out var failure) ? value : throw QueryEvaluationException.From(failure!);
    }

    /// <summary>A number, or a QueryEvaluationError that says what the expression gave instead.</summary>
    public double Number(JsonataBindings bindings)
    {
        var value = Evaluate(bindings);
        return value is JsonNumber n ? n.Value : throw Unexpected("number", value);
    }

    /// <summary>A whole number, or a QueryEvaluationError.</summary>
    public long Integer(JsonataBindings bindings)
    {
        var value = Evaluate(bindings);
        return value is JsonNumber n && n.TryGetInt64(out var whole) ? whole : throw Unexpected("integer", value);
    }

    /// <summary>A string, or a QueryEvaluationError.</summary>
    public string Text(JsonataBindings bindings)
    {
        var value = Evaluate(bindings);
        return value is JsonString s ? s.Value : throw Unexpected("string", value);
    }

    /// <summary>The field's value is of the wrong type.</summary>
    public QueryEvaluationException Unexpected(string expected, JsonValue value) => _expression is null
        ? new QueryEvaluationException(Field, $"The field '{Field}' has an unexpected value. Expected '{expected}', but was: {value.ToJson()}")
        : QueryEvaluationException.From(JsonataFailure.UnexpectedResultType(_expression.Text, Field, expected, value));

    /// <summary>The field's value is out of range.</summary>
    public QueryEvaluationException OutOfRange(string requirement, JsonValue value) =>
        new(Field, string.Create(CultureInfo.InvariantCulture, $"The {Field} field {(_expression is null ? "" : $"expression '{_expression.Text}' ")}must {requirement}, but was: {value.ToJson()}"));

    private static JsonataExpression Compile(string text, string field)
    {
        try
        {
            return JsonataExpression.Compile(text);
        }
        catch (JsonataSyntaxException e)
        {
            throw new FormatException($"{field}: {e.Message}", e);
        }
    }
}
