using SageBuild.StateMachines.Json;

namespace SageBuild.StateMachines.Builders;

/// <summary>
/// Typed JSONata expressions for JSONata states. Each renders as <c>"{% expression %}"</c>; the delimiters are
/// added when missing. Use them in a state (or machine) whose <c>QueryLanguage</c> is JSONata.
/// </summary>
public static class Jsonata
{
    /// <summary>The task token, <c>$states.context.Task.Token</c>.</summary>
    public static Field<string> TaskToken => String("$states.context.Task.Token");

    /// <summary>The state's input, <c>$states.input</c>.</summary>
    public static Field<JsonValue> Input => Value("$states.input");

    /// <summary>The task's result, <c>$states.result</c> (in Output and Assign).</summary>
    public static Field<JsonValue> Result => Value("$states.result");

    /// <summary>An expression that gives a string.</summary>
    public static Field<string> String(string expression) => Field<string>.Dynamic(Parse(expression));

    /// <summary>An expression that gives a number.</summary>
    public static Field<double> Number(string expression) => Field<double>.Dynamic(Parse(expression));

    /// <summary>An expression that gives a boolean.</summary>
    public static Field<bool> Boolean(string expression) => Field<bool>.Dynamic(Parse(expression));

    /// <summary>An expression that gives a timestamp string.</summary>
    public static Field<DateTimeOffset> Timestamp(string expression) => Field<DateTimeOffset>.Dynamic(Parse(expression));

    /// <summary>An expression that gives any JSON value.</summary>
    public static Field<JsonValue> Value(string expression) => Field<JsonValue>.Dynamic(Parse(expression));

    internal static FieldExpression Parse(string expression)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(expression);
        var text = expression.Trim();
        if (text.StartsWith("{%", StringComparison.Ordinal))
        {
            if (!text.EndsWith("%}", StringComparison.Ordinal))
                throw new ArgumentException($"the JSONata expression '{expression}' opens with '{{%' but does not close with '%}}'", nameof(expression));
            text = text[2..^2].Trim();
        }

        if (text.Length == 0)
            throw new ArgumentException("a JSONata expression cannot be empty", nameof(expression));
        return new FieldExpression(ExpressionKind.Jsonata, text);
    }
}
