namespace SageBuild.StateMachines.Jsonata;

/// <summary>
/// JSONata as it appears in an ASL definition: a string that is exactly <c>{% expression %}</c> holds an expression
/// (AWS allows no text before <c>{%</c> or after <c>%}</c>); any other string is a literal.
/// </summary>
public static class JsonataSyntax
{
    /// <summary>Whether <paramref name="text"/> is a whole <c>{% ... %}</c> expression.</summary>
    public static bool IsExpression(string? text) =>
        text is { Length: >= 4 } && text.StartsWith("{%", StringComparison.Ordinal) && text.EndsWith("%}", StringComparison.Ordinal);

    /// <summary>The expression inside <c>{% %}</c>, or false when <paramref name="text"/> is a literal.</summary>
    public static bool TryUnwrap(string? text, out string expression)
    {
        if (!IsExpression(text))
        {
            expression = "";
            return false;
        }

        expression = text![2..^2];
        return true;
    }

    /// <summary>
    /// Checks that <paramref name="expression"/> (without its delimiters) parses. Returns null when it does, else the
    /// error with JSONata's code and position.
    /// </summary>
    public static JsonataSyntaxException? Check(string expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        try
        {
            JsonataParser.Parse(expression);
            return null;
        }
        catch (JsonataSyntaxException e)
        {
            return e;
        }
    }
}
