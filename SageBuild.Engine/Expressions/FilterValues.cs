using System.Globalization;
using SageBuild.StateMachines.Expressions;
using SageBuild.StateMachines.Json;

namespace SageBuild.Engine.Expressions;

/// <summary>
/// How Jayway compares values in filters: numbers by value, strings ordinally, a number and a numeric string as
/// numbers, arrays and objects structurally. An ordering between values of different kinds is false.
/// </summary>
internal static class FilterValues
{
    public static bool AreEqual(JsonValue left, JsonValue right)
    {
        switch (left)
        {
            case JsonNumber l when right is JsonString r:
                return TryNumber(r.Value, out var n) && l.Value == n;
            case JsonString l when right is JsonNumber r:
                return string.Equals(l.Value, r.ToText(), StringComparison.Ordinal) || (TryNumber(l.Value, out var m) && m == r.Value);
            default:
                return left.Equals(right);
        }
    }

    public static bool Holds(FilterOperator op, JsonValue left, JsonValue right) => op switch
    {
        FilterOperator.Equal => AreEqual(left, right),
        FilterOperator.Less => Compare(left, right) is < 0,
        FilterOperator.LessOrEqual => Compare(left, right) is <= 0,
        FilterOperator.Greater => Compare(left, right) is > 0,
        FilterOperator.GreaterOrEqual => Compare(left, right) is >= 0,
        FilterOperator.In => right is JsonArray set && Contains(set, left),
        FilterOperator.SubsetOf => left is JsonArray l && right is JsonArray r && All(l, r, expected: true),
        FilterOperator.AnyOf => left is JsonArray l && right is JsonArray r && Any(l, r),
        FilterOperator.NoneOf => left is JsonArray l && right is JsonArray r && !Any(l, r),
        FilterOperator.Size => right is JsonNumber size && SizeOf(left) is { } actual && actual == size.Value,
        FilterOperator.Empty => right is JsonBoolean expected && SizeOf(left) is { } count && (count == 0) == expected.Value,
        _ => false,
    };

    /// <summary>The order of two numbers or two strings; null when they cannot be ordered.</summary>
    private static int? Compare(JsonValue left, JsonValue right) => (left, right) switch
    {
        (JsonNumber l, JsonNumber r) => l.Value.CompareTo(r.Value),
        (JsonString l, JsonString r) => string.CompareOrdinal(l.Value, r.Value),
        _ => null,
    };

    private static bool Contains(JsonArray set, JsonValue value)
    {
        foreach (var item in set.AsSpan())
        {
            if (AreEqual(value, item))
                return true;
        }

        return false;
    }

    private static bool All(JsonArray items, JsonArray set, bool expected)
    {
        foreach (var item in items.AsSpan())
        {
            if (Contains(set, item) != expected)
                return false;
        }

        return true;
    }

    private static bool Any(JsonArray items, JsonArray set)
    {
        foreach (var item in items.AsSpan())
        {
            if (Contains(set, item))
                return true;
        }

        return false;
    }

    private static int? SizeOf(JsonValue value) => value switch
    {
        JsonArray array => array.Count,
        JsonString s => s.Value.Length,
        _ => null,
    };

    private static bool TryNumber(string text, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
}
