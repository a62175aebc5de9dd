using System.Globalization;
using SageBuild.StateMachines.Json;

namespace SageBuild.Local.Ledger;

/// <summary>
/// One DynamoDB attribute value, read from and written to DynamoDB JSON (<c>{"S": "x"}</c>, <c>{"N": "42"}</c>,
/// <c>{"M": {...}}</c>, <c>{"SS": [...]}</c>, ...). Numbers are held as <see cref="decimal"/> (28 significant digits,
/// where DynamoDB keeps 38) and written in canonical form, as DynamoDB returns them (<c>"1.50"</c> reads back as <c>"1.5"</c>).
/// Values are immutable.
/// </summary>
internal sealed class AttributeValue : IEquatable<AttributeValue>
{
    private AttributeValue(AttributeKind kind) => Kind = kind;

    public AttributeKind Kind { get; }

    /// <summary>S: the string; N: the canonical number; B: the base64 text.</summary>
    public string Text { get; private init; } = "";

    public decimal Number { get; private init; }

    public bool Bool { get; private init; }

    public IReadOnlyList<KeyValuePair<string, AttributeValue>> Map { get; private init; } = [];

    public IReadOnlyList<AttributeValue> List { get; private init; } = [];

    /// <summary>SS, NS (canonical) and BS (base64) members, in the order given, without repeats.</summary>
    public IReadOnlyList<string> Set { get; private init; } = [];

    public bool IsSet => Kind is AttributeKind.SS or AttributeKind.NS or AttributeKind.BS;

    public static AttributeValue String(string value) => new(AttributeKind.S) { Text = value };

    public static AttributeValue FromNumber(decimal value) => new(AttributeKind.N) { Number = value, Text = Canonical(value) };

    public static AttributeValue FromMap(IEnumerable<KeyValuePair<string, AttributeValue>> entries) => new(AttributeKind.M) { Map = entries.ToArray() };

    public static AttributeValue FromList(IEnumerable<AttributeValue> items) => new(AttributeKind.L) { List = items.ToArray() };

    public static AttributeValue FromSet(AttributeKind kind, IEnumerable<string> members) => new(kind) { Set = members.Distinct(StringComparer.Ordinal).ToArray() };

    public AttributeValue? Get(string name)
    {
        foreach (var (key, value) in Map)
        {
            if (string.Equals(key, name, StringComparison.Ordinal))
                return value;
        }

        return null;
    }

    /// <summary>Reads one DynamoDB JSON attribute value; <paramref name="where"/> names it in errors.</summary>
    public static AttributeValue FromJson(JsonValue json, string where)
    {
        if (json is not JsonObject obj || obj.Count != 1)
        {
            throw DynamoDbException.Invalid(
                $"Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes (at {where})");
        }

        var (key, value) = obj[0];
        switch (key)
        {
            case "S" when value is JsonString s:
                return String(s.Value);
            case "N" when value is JsonString n:
                return FromNumber(ParseNumber(n.Value, where));
            case "B" when value is JsonString b:
                return new AttributeValue(AttributeKind.B) { Text = CheckBase64(b.Value, where) };
            case "BOOL" when value is JsonBoolean flag:
                return new AttributeValue(AttributeKind.BOOL) { Bool = flag.Value };
            case "NULL" when value is JsonBoolean { Value: true }:
                return new AttributeValue(AttributeKind.NULL);
            case "NULL":
                throw DynamoDbException.Invalid($"One or more parameter values were invalid: Null attribute value types must have the value of true (at {where})");
            case "M" when value is JsonObject map:
                return FromMap(map.Select(p => new KeyValuePair<string, AttributeValue>(p.Key, FromJson(p.Value, $"{where}.{p.Key}"))));
            case "L" when value is JsonArray list:
                return FromList(list.Select((item, i) => FromJson(item, $"{where}[{i}]")));
            case "SS" or "NS" or "BS" when value is JsonArray members:
                return ReadSet(key, members, where);
            default:
                throw DynamoDbException.Invalid($"Supplied AttributeValue at {where} is not valid DynamoDB JSON: '{key}' with a {value.Kind} value");
        }
    }

    public JsonValue ToJson() => Kind switch
    {
        AttributeKind.S => JsonObject.Create(("S", Text)),
        AttributeKind.N => JsonObject.Create(("N", Text)),
        AttributeKind.B => JsonObject.Create(("B", Text)),
        AttributeKind.BOOL => JsonObject.Create(("BOOL", Bool)),
        AttributeKind.NULL => JsonObject.Create(("NULL", true)),
        AttributeKind.M => JsonObject.Create(("M", JsonObject.Create(Map.Select(p => new KeyValuePair<string, JsonValue>(p.Key, p.Value.ToJson()))))),
        AttributeKind.L => JsonObject.Create(("L", JsonArray.Create(List.Select(v => v.ToJson())))),
        _ => JsonObject.Create((Kind.ToString(), JsonArray.Create(Set.Select(JsonValue.FromString)))),
    };

    /// <summary>Orders two scalars of the same type (N, S, B) as DynamoDB's comparators do; null when they can't be ordered.</summary>
    public static int? Compare(AttributeValue left, AttributeValue right)
    {
        if (left.Kind != right.Kind)
            return null;
        return left.Kind switch
        {
            AttributeKind.N => left.Number.CompareTo(right.Number),
            AttributeKind.S => string.CompareOrdinal(left.Text, right.Text),
            AttributeKind.B => Convert.FromBase64String(left.Text).AsSpan().SequenceCompareTo(Convert.FromBase64String(right.Text)),
            _ => null,
        };
    }

    public bool Equals(AttributeValue? other)
    {
        if (other is null || other.Kind != Kind)
            return false;
        return Kind switch
        {
            AttributeKind.N => Number == other.Number,
            AttributeKind.S or AttributeKind.B => string.Equals(Text, other.Text, StringComparison.Ordinal),
            AttributeKind.BOOL => Bool == other.Bool,
            AttributeKind.NULL => true,
            AttributeKind.L => List.SequenceEqual(other.List),
            AttributeKind.M => Map.Count == other.Map.Count && Map.All(p => other.Get(p.Key) is { } v && v.Equals(p.Value)),
            _ => Set.Count == other.Set.Count && Set.ToHashSet(StringComparer.Ordinal).SetEquals(other.Set),
        };
    }

    public override bool Equals(object? obj) => obj is AttributeValue other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(Kind, Text);

    public override string ToString() => ToJson().ToJson();

    internal static decimal ParseNumber(string text, string where)
    {
        if (text.Length == 0 || text.Any(char.IsWhiteSpace)
            || !decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out var number))
        {
            throw DynamoDbException.Invalid($"A value provided cannot be converted into a number (at {where}: '{text}')");
        }

        return number;
    }

    internal static string Canonical(decimal value)
    {
        // Dividing by 1.000...0 drops the trailing zeros that decimal keeps from its input's scale.
        var normalised = value / 1.000000000000000000000000000000000m;
        return normalised == 0 ? "0" : normalised.ToString(CultureInfo.InvariantCulture);
    }

    private static string CheckBase64(string text, string where)
    {
        Span<byte> buffer = new byte[text.Length];
        if (!Convert.TryFromBase64String(text, buffer, out _))
            throw DynamoDbException.Invalid($"Invalid Binary value at {where}: not base64");
        return text;
    }

    private static AttributeValue ReadSet(string key, JsonArray members, string where)
    {
        var kind = Enum.Parse<AttributeKind>(key);
        if (members.Count == 0)
            throw DynamoDbException.Invalid($"One or more parameter values were invalid: An {key} set may not be empty (at {where})");
        var texts = new List<string>(members.Count);
        foreach (var member in members)
        {
            if (member is not JsonString s)
                throw DynamoDbException.Invalid($"Supplied AttributeValue at {where} is not valid: {key} members are strings");
            texts.Add(kind switch
            {
                AttributeKind.NS => Canonical(ParseNumber(s.Value, where)),
                AttributeKind.BS => CheckBase64(s.Value, where),
                _ => s.Value,
            });
        }

        if (texts.Distinct(StringComparer.Ordinal).Count() != texts.Count)
            throw DynamoDbException.Invalid($"One or more parameter values were invalid: Input collection [{string.Join(", ", texts)}] contains duplicates (at {where})");
        return FromSet(kind, texts);
    }
}
