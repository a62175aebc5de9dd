using System.Text;
using SageBuild.StateMachines.Json;

namespace SageBuild.Engine.Expressions;

/// <summary>
/// Compact JSON text as Step Functions renders it in States.JsonToString and in error causes: no spaces, keys in
/// their order, only quotes, backslashes and control characters escaped (non-ASCII text, emoji included, stays as
/// it is, where <see cref="JsonValue.ToJson"/> would escape characters outside the basic plane).
/// </summary>
internal static class JsonText
{
    private const string Hex = "0123456789ABCDEF";

    public static string Compact(JsonValue value)
    {
        var builder = new StringBuilder();
        Append(builder, value);
        return builder.ToString();
    }

    public static void Append(StringBuilder builder, JsonValue value)
    {
        switch (value)
        {
            case JsonObject obj:
                builder.Append('{');
                var first = true;
                foreach (var (key, member) in obj.AsSpan())
                {
                    if (!first)
                        builder.Append(',');
                    first = false;
                    AppendString(builder, key);
                    builder.Append(':');
                    Append(builder, member);
                }

                builder.Append('}');
                break;
            case JsonArray array:
                builder.Append('[');
                for (var i = 0; i < array.Count; i++)
                {
                    if (i > 0)
                        builder.Append(',');
                    Append(builder, array[i]);
                }

                builder.Append(']');
                break;
            case JsonString s:
                AppendString(builder, s.Value);
                break;
            case JsonNumber n:
                builder.Append(n.ToText());
                break;
            case JsonBoolean b:
                builder.Append(b.Value ? "true" : "false");
                break;
            default:
                builder.Append("null");
                break;
        }
    }

    private static void AppendString(StringBuilder builder, string text)
    {
        builder.Append('"');
        foreach (var c in text)
        {
            switch (c)
            {
                case '"':
                    builder.Append("\\\"");
                    break;
                case '\\':
                    builder.Append("\\\\");
                    break;
                case '\n':
                    builder.Append("\\n");
                    break;
                case '\r':
                    builder.Append("\\r");
                    break;
                case '\t':
                    builder.Append("\\t");
                    break;
                case '\b':
                    builder.Append("\\b");
                    break;
                case '\f':
                    builder.Append("\\f");
                    break;
                case < ' ':
                    builder.Append("\\u00").Append(Hex[c >> 4]).Append(Hex[c & 0xF]);
                    break;
                default:
                    builder.Append(c);
                    break;
            }
        }

        builder.Append('"');
    }
}
