using SageBuild.StateMachines.Json;

namespace SageBuild.StateMachines.Expressions;

/// <summary>A literal argument: a quoted string (escapes resolved), a number, <c>true</c>, <c>false</c> or <c>null</c>.</summary>
public sealed record IntrinsicLiteralArgument : IntrinsicArgument
{
    internal IntrinsicLiteralArgument(JsonValue value, int position, string? rawString = null, string? escapeError = null)
        : base(position)
    {
        Value = value;
        RawString = rawString;
        EscapeError = escapeError;
    }

    /// <summary>The value.</summary>
    public JsonValue Value { get; }

    /// <summary>For a quoted string, the text between the quotes with its escapes, so States.Format can tell <c>\{</c> from <c>{</c>.</summary>
    internal string? RawString { get; }

    /// <summary>
    /// Set when the string holds a backslash that escapes nothing. AWS accepts such a definition and fails when the
    /// function runs, so the error waits for evaluation.
    /// </summary>
    internal string? EscapeError { get; }
}
