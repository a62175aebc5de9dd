using System.Text;
using System.Globalization;
using System.Text.Json;

namespace SageBuild.StateMachines.Json;

/// <summary>
/// A JSON number, held as a <see cref="double"/>. A number read from JSON keeps its original text,
/// so <c>1.0</c> and integers beyond 2^53 are written back exactly as they came in, as AWS does.
/// </summary>
public sealed class JsonNumber : JsonValue
{
    private const int CachedMin = -128;
    private const int CachedMax = 1024;
    private static readonly JsonNumber[] SmallIntegers = CreateSmallIntegers();

    private readonly string? _literal;

    private JsonNumber(double value, string? literal)
    {
        Value = value;
        _literal = literal;
    }

    /// <summary>The value.</summary>
    public double Value { get; }

    /// <summary>Whether the value is a whole number.</summary>
    public bool IsInteger => Math.Floor(Value) == Value && !double.IsInfinity(Value);

    /// <summary>The original text when the number was read from JSON, else null.</summary>
    public string? Literal => _literal;

    /// <inheritdoc />
    public override JsonValueKind Kind => JsonValueKind.Number;

    /// <summary>A number; small integers are shared instances.</summary>
    public static JsonNumber From(double value)
    {
        if (double.IsNaN(value) || double.IsInfinity(value))
            throw new ArgumentOutOfRangeException(nameof(value), value, "JSON has no NaN or infinite numbers");
        if (value >= CachedMin && value <= CachedMax && Math.Floor(value) == value)
            return SmallIntegers[(int)value - CachedMin];
        return new JsonNumber(value, null);
    }

    /// <summary>An integer.</summary>
    public static JsonNumber From(long value) =>
        value is >= CachedMin and <= CachedMax
            ? SmallIntegers[value - CachedMin]
            : new JsonNumber(value, Math.Abs(value) > (1L << 53) ? value.ToString(CultureInfo.InvariantCulture) : null);

    /// <summary>A number read from JSON, keeping <paramref name="literal"/> for round trips.</summary>
    internal static JsonNumber FromLiteral(double value, string literal)
    {
        // "-0" reads as 0, as JSON.parse-then-stringify and Jackson give it.
        if (value >= CachedMin && value <= CachedMax && IsPlainInteger(literal))
            return SmallIntegers[(int)value - CachedMin];
        return new JsonNumber(value, literal);
    }

    /// <summary>The value as a 64-bit integer when it is one (also beyond 2^53 when read from JSON).</summary>
    public bool TryGetInt64(out long value)
    {
        if (_literal is not null && IsPlainInteger(_literal))
            return long.TryParse(_literal, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
        if (IsInteger && Value >= long.MinValue && Value <= long.MaxValue)
        {
            value = (long)Value;
            return true;
        }

        value = 0;
        return false;
    }

    /// <inheritdoc />
    public override void WriteTo(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (TryGetShortInteger(out var whole))
            writer.WriteNumberValue(whole); // the same digits, without formatting a double (the slowest part of writing JSON)
        else if (_literal is null)
            writer.WriteNumberValue(Value);
        else if (long.TryParse(_literal, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer) )
            writer.WriteNumberValue(integer);
        else if (decimal.TryParse(_literal, NumberStyles.Float, CultureInfo.InvariantCulture, out var exact) && exact.ToString(CultureInfo.InvariantCulture) == _literal)
            writer.WriteNumberValue(exact); // decimal keeps the literal's digits, trailing zeros included ("1.0", "0.50")
        else if (Value.ToString("R", CultureInfo.InvariantCulture) == _literal)
            writer.WriteNumberValue(Value); // a double the writer itself wrote, such as 6.022E-43
        else
            // Only hand-written exponent forms (1e5) and numbers beyond decimal's range get here. WriteRawValue skips the writer's
            // indentation, which is why it is the last resort rather than the rule.
            writer.WriteRawValue(_literal, skipInputValidation: true);
    }

    /// <summary>The number's text as JSON writes it.</summary>
    public string ToText() => _literal ?? Format(Value);

    /// <summary>Formats a double the way JSON writers and JavaScript do: integers without a fraction.</summary>
    public static string Format(double value) =>
        value == 0 ? "0" // a computed negative zero prints as 0, as JSON.stringify and Jackson print it
        : IsShortInteger(value) ? ((long)value).ToString(CultureInfo.InvariantCulture) // the same digits, formatted as an integer (far faster)
        : Math.Floor(value) == value && Math.Abs(value) < 1e21
            ? value.ToString("0", CultureInfo.InvariantCulture)
            : value.ToString("R", CultureInfo.InvariantCulture).Replace("E+", "e+", StringComparison.Ordinal).Replace("E-", "e-", StringComparison.Ordinal);

    /// <summary>Appends <see cref="ToText"/>'s text; an integer's without making a string.</summary>
    internal void AppendTo(StringBuilder builder)
    {
        if (TryGetShortInteger(out var whole))
            builder.Append(CultureInfo.InvariantCulture, $"{whole}");
        else
            builder.Append(ToText());
    }

    /// <inheritdoc />
    public override bool Equals(JsonValue? other) => other is JsonNumber n && n.Value == Value;

    /// <inheritdoc />
    public override int GetHashCode() => Value == 0 ? 0 : Value.GetHashCode();

    /// <summary>
    /// The number as a long when it was computed (not read from text) and is an integer whose text as a long is its
    /// text as JSON: writers take it through the integer formatter, far faster than a double's.
    /// </summary>
    internal bool TryGetShortInteger(out long value)
    {
        var ok = _literal is null && IsShortInteger(Value);
        value = ok ? (long)Value : 0;
        return ok;
    }

    // An integer that a double prints in full (no exponent below 1e15), and not negative zero (which prints "-0").
    private static bool IsShortInteger(double value) =>
        value is > -1e15 and < 1e15 && Math.Floor(value) == value && (value != 0 || !double.IsNegative(value));

    private static bool IsPlainInteger(string literal)
    {
        var start = literal.Length > 0 && literal[0] == '-' ? 1 : 0;
        if (start == literal.Length)
            return false;
        for (var i = start; i < literal.Length; i++)
        {
            if (!char.IsAsciiDigit(literal[i]))
                return false;
        }

        return true;
    }

    private static JsonNumber[] CreateSmallIntegers()
    {
        var numbers = new JsonNumber[CachedMax - CachedMin + 1];
        for (var i = 0; i < numbers.Length; i++)
            numbers[i] = new JsonNumber(i + CachedMin, null);
        return numbers;
    }
}
