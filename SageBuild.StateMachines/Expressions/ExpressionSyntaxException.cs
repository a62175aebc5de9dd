namespace SageBuild.StateMachines.Expressions;

/// <summary>
/// A JSONPath, reference path or intrinsic function that does not parse. The message says what is wrong and at
/// which character (counted from 1), so a user can find the fault in a long expression.
/// </summary>
public sealed class ExpressionSyntaxException : FormatException
{
    /// <summary>A syntax error in <paramref name="expression"/> at the 0-based <paramref name="position"/>.</summary>
    public ExpressionSyntaxException(string expression, int position, string reason)
        : base($"{reason} at character {position + 1} of '{expression}'")
    {
        Expression = expression;
        Position = position;
        Reason = reason;
    }

    public ExpressionSyntaxException()
        : this("", 0, "invalid expression")
    {
    }

    public ExpressionSyntaxException(string message)
        : base(message)
    {
        Expression = "";
        Reason = message;
    }

    public ExpressionSyntaxException(string message, Exception innerException)
        : base(message, innerException)
    {
        Expression = "";
        Reason = message;
    }

    /// <summary>The expression as written.</summary>
    public string Expression { get; }

    /// <summary>The 0-based index of the offending character (the length of the text when the text ended too soon).</summary>
    public int Position { get; }

    /// <summary>What is wrong, without the position.</summary>
    public string Reason { get; }
}
