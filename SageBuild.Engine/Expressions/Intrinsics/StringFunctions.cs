using System.Text;
using SageBuild.StateMachines.Expressions;
using SageBuild.StateMachines.Json;

namespace SageBuild.Engine.Expressions.Intrinsics;

/// <summary>States.Format and States.StringSplit.</summary>
internal static class StringFunctions
{
    /// <summary>
    /// Splits at any of the delimiter's characters and drops empty pieces, as AWS does with a delimiter such as
    /// <c>".+,="</c>.
    /// </summary>
    public static JsonValue Split(IntrinsicArguments args, IEvaluationScope scope)
    {
        var text = args.String(0);
        var delimiters = args.String(1);
        if (delimiters.Length == 0)
            return text.Length == 0 ? JsonArray.Empty : JsonArray.Create(JsonString.From(text));
        var parts = text.Split(delimiters.ToCharArray(), StringSplitOptions.RemoveEmptyEntries);
        var items = new JsonValue[parts.Length];
        for (var i = 0; i < parts.Length; i++)
            items[i] = JsonString.From(parts[i]);
        return JsonArray.Wrap(items);
    }

    /// <summary>States.Format with a template read at run time; a literal template is compiled once by <see cref="FormatNode"/>.</summary>
    public static JsonValue Format(IntrinsicArguments args, IEvaluationScope scope) =>
        Format(FormatTemplate.Parse(args.String(0)), args, 1);

    /// <summary>Fills the template's <c>{}</c> with the values from <paramref name="first"/> on.</summary>
    public static JsonValue Format(FormatTemplate template, IntrinsicArguments args, int first)
    {
        var values = args.Count - first;
        if (template.Placeholders != values)
            throw args.Fail($"the template has {template.Placeholders} '{{}}' but {values} values follow it");
        var builder = new StringBuilder();
        for (var i = 0; i < values; i++)
        {
            builder.Append(template.Parts[i]);
            AppendValue(builder, args[first + i]);
        }

        builder.Append(template.Parts[^1]);
        return JsonString.From(builder.ToString());
    }

    /// <summary>
    /// A value as AWS writes it into a formatted string: text as it is, and objects and arrays as Java prints maps
    /// and lists (<c>{a=1, b=[x, y]}</c>), as recorded against AWS.
    /// </summary>
    private static void AppendValue(StringBuilder builder, JsonValue value)
    {
        switch (value)
        {
            case JsonString s:
                builder.Append(s.Value);
                break;
            case JsonObject obj:
                builder.Append('{');
                for (var i = 0; i < obj.Count; i++)
                {
                    if (i > 0)
                        builder.Append(", ");
                    builder.Append(obj[i].Key).Append('=');
                    AppendValue(builder, obj[i].Value);
                }

                builder.Append('}');
                break;
            case JsonArray array:
                builder.Append('[');
                for (var i = 0; i < array.Count; i++)
                {
                    if (i > 0)
                        builder.Append(", ");
                    AppendValue(builder, array[i]);
                }

                builder.Append(']');
                break;
            default:
                builder.Append(value.ToJson());
                break;
        }
    }
}
