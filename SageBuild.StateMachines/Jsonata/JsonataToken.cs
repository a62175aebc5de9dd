using SageBuild.StateMachines.Json;

namespace SageBuild.StateMachines.Jsonata;

/// <summary>The kinds of token the tokenizer produces.</summary>
internal enum JsonataTokenType
{
    Operator,
    Name,
    Variable,
    String,
    Number,
    Value,
    Regex,
}

/// <summary>
/// One token. <see cref="Position"/> is the offset just after the token, which is what JSONata's errors report.
/// </summary>
internal readonly record struct JsonataToken(JsonataTokenType Type, string Text, JsonValue? Literal, int Position, string? RegexFlags = null);
