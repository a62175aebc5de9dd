using SageBuild.StateMachines.Jsonata;

namespace SageBuild.Engine.Jsonata.Runtime;

/// <summary>A JSONata evaluation error with JSONata's code (such as <c>T2001</c>), the position and the offending values.</summary>
internal sealed class JsonataRuntimeException : Exception
{
    public JsonataRuntimeException(string code, object? value = null, object? value2 = null, string? token = null, int position = -1, int? index = null)
        : base(code)
    {
        Code = code;
        Value = value;
        Value2 = value2;
        Token = token;
        Position = position;
        Index = index;
    }

    public JsonataRuntimeException()
        : this("D3137")
    {
    }

    /// <summary>An error with JSONata's <paramref name="code"/> and no inserts.</summary>
    public JsonataRuntimeException(string code)
        : this(code, value: null)
    {
    }

    public JsonataRuntimeException(string message, Exception innerException)
        : base(message, innerException) => Code = "D3137";

    public string Code { get; }

    public object? Value { get; }

    public object? Value2 { get; }

    public string? Token { get; set; }

    public int Position { get; set; }

    public int? Index { get; }

    /// <summary>The message with its inserts; JSONata values are shown as JSON, plain strings as they are.</summary>
    public override string Message =>
        JsonataErrorMessages.Message(Code, Token, Value is string raw ? raw : Show(Value), Show(Value2), Index);

    /// <summary>The code, position and message, as causes show them.</summary>
    public string Describe() =>
        Position >= 0 ? $"{Code} at position {Position}: {Message}" : $"{Code}: {Message}";

    private static string? Show(object? value) => value is null ? null : JsonataValues.Stringify(value, prettify: false, forMessage: true);
}
