using System.Globalization;
using SageBuild.StateMachines.Json;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace SageBuild.Cli.Projects;

/// <summary>
/// Turns YAML into the JSON values the pipeline's configuration is made of, following YAML 1.2's core schema for
/// plain scalars (<c>true</c>, <c>null</c>, numbers); quoted scalars stay strings, so <c>"0.10"</c> is the text 0.10.
/// </summary>
internal static class YamlJson
{
    public static JsonValue Convert(YamlNode node) => node switch
    {
        YamlMappingNode mapping => JsonObject.Create(mapping.Children.Select(c => (Key(c.Key), Convert(c.Value))).ToArray()),
        YamlSequenceNode sequence => JsonArray.Create(sequence.Children.Select(Convert)),
        YamlScalarNode scalar => Scalar(scalar),
        _ => throw new YamlException(node.Start, node.End, $"unsupported YAML node {node.NodeType}"),
    };

    private static string Key(YamlNode key) => key is YamlScalarNode { Value: { } text }
        ? text
        : throw new YamlException(key.Start, key.End, "a key must be a plain text");

    private static JsonValue Scalar(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? "";
        if (scalar.Style is not (ScalarStyle.Plain or ScalarStyle.Any))
            return JsonString.From(text);
        switch (text)
        {
            case "" or "~" or "null" or "Null" or "NULL":
                return JsonNull.Instance;
            case "true" or "True" or "TRUE":
                return JsonBoolean.True;
            case "false" or "False" or "FALSE":
                return JsonBoolean.False;
        }

        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
            return JsonNumber.From(integer);
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && !double.IsInfinity(number) && char.IsAsciiDigit(text[^1]))
            return JsonNumber.From(number);
        return JsonString.From(text);
    }
}
