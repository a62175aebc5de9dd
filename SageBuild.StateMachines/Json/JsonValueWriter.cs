using System.Text;

namespace SageBuild.StateMachines.Json;

/// <summary>
/// Writes <see cref="JsonValue"/>s as JSON text the way Step Functions renders them: keys in their order, only
/// quotes, backslashes and control characters escaped. Non-ASCII text (emoji included) stays as it is, which
/// <c>System.Text.Json</c>'s encoders never allow for characters outside the basic plane.
/// </summary>
internal static class JsonValueWriter
{
    private const string Hex = "0123456789ABCDEF"; // as Jackson writes it

    [ThreadStatic]
    private static StringBuilder? t_builder;

    public static string ToJson(JsonValue value, bool indented)
    {
        var builder = t_builder ??= new StringBuilder(256);
        builder.Clear();
        Append(builder, value, indented ? 0 : -1);
        var text = builder.ToString();
        if (builder.Capacity > 1 << 20)
            t_builder = null; // don't keep a huge buffer alive on the thread after one large document
        return text;
    }

    public static int Utf8Length(JsonValue value) => Encoding.UTF8.GetByteCount(ToJson(value, indented: false));

    /// <summary>Appends <paramref name="value"/>; <paramref name="depth"/> is -1 for compact text, else the indentation level.</summary>
    public static void Append(StringBuilder builder, JsonValue value, int depth)
    {
        switch (value)
        {
            case JsonObject obj:
                AppendObject(builder, obj, depth);
                break;
            case JsonArray array:
                AppendArray(builder, array, depth);
                break;
            case JsonString s:
                AppendString(builder, s.Value);
                break;
            case JsonNumber n:
                n.AppendTo(builder);
                break;
            case JsonBoolean b:
                builder.Append(b.Value ? "true" : "false");
                break;
            default:
                builder.Append("null");
                break;
        }
    }

    public static void AppendString(StringBuilder builder, string text)
    {
        builder.Append('"');
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c >= ' ' && c != '"' && c != '\\')
                continue;
            builder.Append(text, start, i - start);
            start = i + 1;
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
                default:
                    builder.Append("\\u00").Append(Hex[c >> 4]).Append(Hex[c & 0xF]);
                    break;
            }
        }

        builder.Append(text, start, text.Length - start);
        builder.Append('"');
    }

    private static void AppendObject(StringBuilder builder, JsonObject obj, int depth)
    {
        if (obj.Count == 0)
        {
            builder.Append("{}");
            return;
        }

        builder.Append('{');
        var first = true;
        foreach (var (key, member) in obj.AsSpan())
        {
            if (!first)
                builder.Append(',');
            first = false;
            NewLine(builder, depth < 0 ? -1 : depth + 1);
            AppendString(builder, key);
            builder.Append(depth < 0 ? ":" : ": ");
            Append(builder, member, depth < 0 ? -1 : depth + 1);
        }

        NewLine(builder, depth);
        builder.Append('}');
    }

    private static void AppendArray(StringBuilder builder, JsonArray array, int depth)
    {
        if (array.Count == 0)
        {
            builder.Append("[]");
            return;
        }

        builder.Append('[');
        for (var i = 0; i < array.Count; i++)
        {
            if (i > 0)
                builder.Append(',');
            NewLine(builder, depth < 0 ? -1 : depth + 1);
            Append(builder, array[i], depth < 0 ? -1 : depth + 1);
        }

        NewLine(builder, depth);
        builder.Append(']');
    }

    private static void NewLine(StringBuilder builder, int depth)
    {
        if (depth < 0)
            return;
        builder.Append('\n').Append(' ', depth * 2);
    }
}
