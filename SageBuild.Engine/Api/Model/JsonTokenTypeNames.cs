using System.Text.Json;

namespace SageBuild.Engine.Api.Model;

/// <summary>Names JSON tokens the way AWS's JSON protocol errors do (STRING_VALUE, NUMBER_VALUE, ...).</summary>
internal static class JsonTokenTypeNames
{
    public static string ToWireKind(this JsonTokenType token) => token switch
    {
        JsonTokenType.String => "STRING_VALUE",
        JsonTokenType.Number => "NUMBER_VALUE",
        JsonTokenType.True or JsonTokenType.False => "BOOLEAN_VALUE",
        JsonTokenType.Null => "NULL_VALUE",
        JsonTokenType.StartObject => "START_OBJECT",
        JsonTokenType.StartArray => "START_ARRAY",
        _ => token.ToString().ToUpperInvariant(),
    };
}
