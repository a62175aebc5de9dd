using System.Globalization;

namespace SageBuild.Infra.Model;

/// <summary>
/// A value in a Pulumi YAML program: a property, a variable, an output or a function's argument. The kinds are
/// closed: text (literal or interpolated), numbers, booleans, null, lists, maps and built-in function calls. Text
/// keeps literal parts and references apart, so a literal <c>${</c> is always escaped and a reference never is.
/// </summary>
public abstract record PropertyValue
{
    private protected PropertyValue()
    {
    }

    /// <summary>The null value.</summary>
    public static PropertyValue Null => NullValue.Instance;

    /// <summary>Literal text, written so that Pulumi never interpolates it.</summary>
    public static TextValue Text(string literal) => new(Interpolation.Literal(literal));

    /// <summary>A number written exactly as <paramref name="value"/>.</summary>
    public static NumberValue Number(long value) => new(value.ToString(CultureInfo.InvariantCulture));

    /// <summary>A number written exactly as <paramref name="value"/> (round-trip format).</summary>
    public static NumberValue Number(double value) => new(value.ToString("R", CultureInfo.InvariantCulture));

    /// <summary>A boolean.</summary>
    public static BooleanValue Boolean(bool value) => value ? BooleanValue.True : BooleanValue.False;

    /// <summary>A list of values.</summary>
    public static ListValue List(params IEnumerable<PropertyValue> items) => new(items);

    /// <summary>A list of literal strings.</summary>
    public static ListValue Texts(IEnumerable<string> items) => new(items.Select(i => (PropertyValue)Text(i)));

    /// <summary>Literal text.</summary>
    public static implicit operator PropertyValue(string literal) => Text(literal);

    /// <summary>A whole number.</summary>
    public static implicit operator PropertyValue(long value) => Number(value);

    /// <summary>A whole number.</summary>
    public static implicit operator PropertyValue(int value) => Number(value);

    /// <summary>A boolean.</summary>
    public static implicit operator PropertyValue(bool value) => Boolean(value);

    /// <summary>Interpolated text.</summary>
    public static implicit operator PropertyValue(Interpolation text) => new TextValue(text);

    /// <summary>A reference substituted with its value.</summary>
    public static implicit operator PropertyValue(Reference reference) => new TextValue(Interpolation.Of(reference));

    /// <summary>Literal text.</summary>
    public static PropertyValue FromString(string literal) => Text(literal);

    /// <summary>Every reference this value holds, in order, through lists, maps and function arguments.</summary>
    public abstract IEnumerable<Reference> References();
}
