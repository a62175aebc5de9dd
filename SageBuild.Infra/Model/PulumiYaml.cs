using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace SageBuild.Infra.Model;

/// <summary>
/// Writes a <see cref="PulumiProgram"/> as Pulumi YAML: block style, two-space indents, entries in the order they
/// were added, and a string left unquoted only when no YAML 1.1 or 1.2 reader could take it for anything but that
/// string. The same program always prints the same bytes.
/// </summary>
public static partial class PulumiYaml
{
    /// <summary>The program as YAML text, ending with a newline.</summary>
    public static string Write(PulumiProgram program)
    {
        ArgumentNullException.ThrowIfNull(program);
        var document = new MapValue
        {
            ["name"] = program.Name,
            ["description"] = program.Description is null ? null : PropertyValue.Text(program.Description),
        };
        var text = new StringBuilder();
        WriteEntries(text, document, 0);
        if (program.Config.Count > 0)
            WriteSection(text, "config", new MapValue(program.Config.Select(c => new KeyValuePair<string, PropertyValue>(c.Name, c.ToMap()))));
        if (program.Variables.Count > 0)
            WriteSection(text, "variables", new MapValue(program.Variables));
        WriteSection(text, "resources", new MapValue(program.Resources.Select(r => new KeyValuePair<string, PropertyValue>(r.Name, ResourceMap(r)))));
        if (program.Outputs.Count > 0)
            WriteSection(text, "outputs", new MapValue(program.Outputs));
        return text.ToString();
    }

    /// <summary>One value as a YAML document (used for tests and for values printed on their own).</summary>
    public static string WriteValue(PropertyValue value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var text = new StringBuilder();
        switch (value)
        {
            case MapValue { Count: > 0 } map:
                WriteEntries(text, map, 0);
                break;
            case ListValue { Items.Length: > 0 } list:
                WriteItems(text, list, 0);
                break;
            default:
                text.Append(Scalar(value)).Append('\n');
                break;
        }

        return text.ToString();
    }

    private static MapValue ResourceMap(Resource resource)
    {
        var options = resource.Options.ToMap();
        return new MapValue
        {
            ["type"] = resource.Type.Token,
            ["properties"] = resource.Properties.Count == 0 ? null : resource.Properties,
            ["options"] = options.Count == 0 ? null : options,
        };
    }

    private static void WriteSection(StringBuilder text, string name, MapValue entries)
    {
        text.Append(name).Append(':');
        if (entries.Count == 0)
        {
            text.Append(" {}\n");
            return;
        }

        text.Append('\n').Append(' ', 2);
        WriteEntries(text, entries, 2);
    }

    private static void WriteEntries(StringBuilder text, MapValue map, int indent)
    {
        var first = true;
        foreach (var (key, value) in map)
        {
            if (!first)
                text.Append(' ', indent);
            first = false;
            text.Append(Key(key)).Append(':');
            WriteAfterKey(text, value, indent);
        }
    }

    /// <summary>Writes the value that follows "key:", starting on the key's line.</summary>
    private static void WriteAfterKey(StringBuilder text, PropertyValue value, int indent)
    {
        switch (value)
        {
            case MapValue { Count: > 0 } map:
                text.Append('\n').Append(' ', indent + 2);
                WriteEntries(text, map, indent + 2);
                break;
            case FunctionCall call:
                text.Append('\n').Append(' ', indent + 2).Append(Key(call.Key)).Append(':');
                WriteAfterKey(text, call.Argument, indent + 2);
                break;
            case ListValue { Items.Length: > 0 } list:
                text.Append('\n');
                WriteItems(text, list, indent + 2);
                break;
            case TextValue t when BlockText(t) is { } block:
                WriteBlock(text, block, indent + 2);
                break;
            default:
                text.Append(' ').Append(Scalar(value)).Append('\n');
                break;
        }
    }

    /// <summary>Multi-line text that a literal block scalar holds exactly, or null.</summary>
    private static string? BlockText(TextValue value)
    {
        var yaml = value.Value.ToYamlString();
        if (!yaml.Contains('\n', StringComparison.Ordinal) || yaml.EndsWith('\n') || yaml.StartsWith(' ') || yaml.StartsWith('\n'))
            return null;
        // A block scalar takes its content raw: anything a reader would fold, trim or refuse stays double-quoted.
        foreach (var c in yaml)
        {
            if (c != '\n' && (char.IsControl(c) || c is '\u2028' or '\u2029' or '\uFEFF' or '\u0085'))
                return null;
        }

        return yaml.Split('\n').Any(line => line.EndsWith(' ') || line.Length == 0) ? null : yaml;
    }

    private static void WriteBlock(StringBuilder text, string block, int indent)
    {
        text.Append(" |-\n");
        foreach (var line in block.Split('\n'))
            text.Append(' ', indent).Append(line).Append('\n');
    }

    /// <summary>Writes each item as "- value" at <paramref name="indent"/>, each on its own line.</summary>
    private static void WriteItems(StringBuilder text, ListValue list, int indent)
    {
        foreach (var item in list.Items)
        {
            text.Append(' ', indent).Append('-');
            switch (item)
            {
                case MapValue { Count: > 0 } map:
                    text.Append(' ');
                    WriteEntries(text, map, indent + 2);
                    break;
                case FunctionCall call:
                    text.Append(' ').Append(Key(call.Key)).Append(':');
                    WriteAfterKey(text, call.Argument, indent + 2);
                    break;
                case ListValue { Items.Length: > 0 } nested:
                    text.Append('\n');
                    WriteItems(text, nested, indent + 2);
                    break;
                default:
                    text.Append(' ').Append(Scalar(item)).Append('\n');
                    break;
            }
        }
    }

    private static string Scalar(PropertyValue value) => value switch
    {
        TextValue t => Quote(t.Value.ToYamlString()),
        NumberValue n => n.Literal,
        BooleanValue b => b.Value ? "true" : "false",
        NullValue => "null",
        MapValue => "{}",
        ListValue => "[]",
        _ => throw new InvalidOperationException($"{value.GetType().Name} is not a scalar"),
    };

    // Pulumi YAML reads keys as expressions too, so a key's "$" is escaped like any literal text's.
    private static string Key(string key) => Quote(Interpolation.Literal(key).ToYamlString());

    /// <summary>The string plain when that is unambiguous, else double-quoted with JSON-style escapes.</summary>
    internal static string Quote(string text) => IsPlainSafe(text) ? text : DoubleQuoted(text);

    private static bool IsPlainSafe(string text) =>
        PlainPattern().IsMatch(text) && !text.EndsWith(':') && !text.Contains(": ", StringComparison.Ordinal)
        && !text.Contains(" #", StringComparison.Ordinal) && !ReservedWords().IsMatch(text);

    private static string DoubleQuoted(string text)
    {
        var quoted = new StringBuilder(text.Length + 2).Append('"');
        foreach (var c in text)
        {
            switch (c)
            {
                case '"': quoted.Append("\\\""); break;
                case '\\': quoted.Append("\\\\"); break;
                case '\n': quoted.Append("\\n"); break;
                case '\r': quoted.Append("\\r"); break;
                case '\t': quoted.Append("\\t"); break;
                default:
                    if (char.IsControl(c) || c is '\u2028' or '\u2029' or '\uFEFF' or '\u0085')
                        quoted.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    else
                        quoted.Append(c);
                    break;
            }
        }

        return quoted.Append('"').ToString();
    }

    // A plain scalar starts with a letter, '/', '_' or '$' and holds only characters no YAML reader treats as syntax there.
    [GeneratedRegex("^[A-Za-z/_$][A-Za-z0-9_./:$=+@ -]*$")]
    private static partial Regex PlainPattern();

    // Words YAML 1.1 (and so some readers) take for booleans or null, and a trailing space.
    [GeneratedRegex("^(y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|null|Null|NULL)$|\\s$")]
    private static partial Regex ReservedWords();
}
