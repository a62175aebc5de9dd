using System.Text.Json;
using System.Text.RegularExpressions;
using SageBuild.StateMachines.Json;

namespace SageBuild.Tests.Conformance;

/// <summary>
/// Compares a value recorded against AWS with the engine's, modulo the corpus's placeholders (Data/README.md): a
/// placeholder word stands for any value, a <c>&lt;...&gt;</c> part of a string for any text, and JSON given as text on one
/// side and as a parsed value on the other compares by value.
/// </summary>
public static partial class RecordedValueMatcher
{
    private static readonly HashSet<string> PlaceholderWords = new(StringComparer.Ordinal)
    {
        "timestamp", "start-time", "entered-time", "snf_role_arn", "sfn_role_arn", "date", "RandomNumberGenerated",
    };

    /// <summary>Null when they match, else where and how they differ.</summary>
    public static string? Difference(JsonValue expected, JsonValue actual, string at = "")
    {
        switch (expected)
        {
            case JsonString s when PlaceholderWords.Contains(s.Value):
                return null;
            case JsonString s when actual is JsonString a:
                if (s.Value == a.Value)
                    return null;
                if (s.Value.Contains('<', StringComparison.Ordinal) && Pattern(s.Value).IsMatch(a.Value))
                    return null;
                if (TryParse(s.Value, out var se) && TryParse(a.Value, out var ae) && (se is JsonObject or JsonArray || ae is JsonObject or JsonArray || se is JsonString))
                    return Difference(se, ae, at);
                return $"{at}: expected \"{s.Value}\", got \"{a.Value}\"";
            case JsonString s:
                return TryParse(s.Value, out var parsed) && parsed is not JsonString ? Difference(parsed, actual, at) : $"{at}: expected \"{s.Value}\", got {actual.ToJson()}";
            case JsonObject o:
                if (actual is JsonString text && TryParse(text.Value, out var actualObject))
                    actual = actualObject;
                if (actual is not JsonObject ao)
                    return $"{at}: expected an object {o.ToJson()}, got {actual.ToJson()}";
                foreach (var (key, value) in o)
                {
                    if (!ao.TryGetValue(key, out var theirs))
                        return $"{at}/{key}: missing (expected {value.ToJson()})";
                    if (Difference(value, theirs, $"{at}/{key}") is { } d)
                        return d;
                }

                foreach (var (key, value) in ao)
                {
                    if (!o.ContainsKey(key))
                        return $"{at}/{key}: unexpected {value.ToJson()}";
                }

                return null;
            case JsonArray e:
                if (actual is JsonString arrayText && TryParse(arrayText.Value, out var actualArray))
                    actual = actualArray;
                if (actual is not JsonArray aa || aa.Count != e.Count)
                    return $"{at}: expected {e.ToJson()}, got {actual.ToJson()}";
                for (var i = 0; i < e.Count; i++)
                {
                    if (Difference(e[i], aa[i], $"{at}/{i}") is { } d)
                        return d;
                }

                return null;
            default:
                if (actual is JsonString numberText && TryParse(numberText.Value, out var n))
                    actual = n;
                return expected.Equals(actual) ? null : $"{at}: expected {expected.ToJson()}, got {actual.ToJson()}";
        }
    }

    private static bool TryParse(string text, out JsonValue value)
    {
        try
        {
            value = JsonValue.Parse(text);
            return true;
        }
        catch (JsonException)
        {
            value = JsonNull.Instance;
            return false;
        }
    }

    private static Regex Pattern(string expected) =>
        new("^" + string.Join(".*", PlaceholderPart().Split(expected).Select(Regex.Escape)) + "$", RegexOptions.Singleline);

    [GeneratedRegex("<[^<>]{1,60}>")]
    private static partial Regex PlaceholderPart();
}
