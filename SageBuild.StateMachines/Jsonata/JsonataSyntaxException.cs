namespace SageBuild.StateMachines.Jsonata;

/// <summary>
/// A JSONata expression that does not parse. <see cref="Code"/> is JSONata's own error code (such as <c>S0201</c>)
/// and <see cref="Position"/> the character offset JSONata reports (just after the offending token).
/// </summary>
public sealed class JsonataSyntaxException : Exception
{
    /// <summary>A syntax error with JSONata's code, position and offending token.</summary>
    public JsonataSyntaxException(string code, int position, string? token = null, string? value = null)
        : base(JsonataErrorMessages.Describe(code, position, token, value))
    {
        Code = code;
        Position = position;
        Token = token;
    }

    public JsonataSyntaxException()
        : this("S0201", 0)
    {
    }

    public JsonataSyntaxException(string message)
        : base(message) => Code = "S0201";

    public JsonataSyntaxException(string message, Exception innerException)
        : base(message, innerException) => Code = "S0201";

    /// <summary>JSONata's error code, such as <c>S0201</c> (syntax error) or <c>S0101</c> (unterminated string).</summary>
    public string Code { get; }

    /// <summary>The character offset JSONata reports for the error.</summary>
    public int Position { get; }

    /// <summary>The offending token, when there is one.</summary>
    public string? Token { get; }
}
