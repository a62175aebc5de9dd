using System.Globalization;
using SageBuild.StateMachines.Json;

namespace SageBuild.StateMachines.Builders;

/// <summary>
/// A value that is either a literal known when the machine is built or an expression evaluated at run time:
/// a JSONPath reference (<see cref="JsonPath.StringAt"/>), an intrinsic function, or a JSONata expression
/// (<see cref="Jsonata.String"/>). Code asks <see cref="IsDynamic"/> instead of parsing strings, for example
/// to scope an IAM resource to a literal name and fall back to a wildcard only for a dynamic one.
/// </summary>
/// <typeparam name="T">The literal's type: <see cref="string"/>, <see cref="double"/>, <see cref="bool"/>, <see cref="DateTimeOffset"/> or <see cref="JsonValue"/>.</typeparam>
public readonly record struct Field<T>
{
    private readonly T? _value;
    private readonly FieldExpression? _expression;

    private Field(T? value, FieldExpression? expression)
    {
        _value = value;
        _expression = expression;
    }

    /// <summary>Whether the value is only known at run time.</summary>
    public bool IsDynamic => _expression is not null;

    /// <summary>The literal; the type's default when <see cref="IsDynamic"/>.</summary>
    public T? Value => _value;

    /// <summary>The path, intrinsic call or JSONata text (without delimiters) when <see cref="IsDynamic"/>, else null.</summary>
    public string? Expression => _expression?.Text;

    /// <summary>Whether the value is a JSONata expression (usable only in JSONata states).</summary>
    public bool IsJsonata => _expression?.Kind == ExpressionKind.Jsonata;

    internal FieldExpression? FieldExpression => _expression;

    /// <summary>A literal.</summary>
    internal static Field<T> Literal(T value) => new(value, null);

    internal static Field<T> Dynamic(FieldExpression expression) => new(default, expression);

    public static implicit operator Field<T>(T value) => Literal(value);

    public static implicit operator TaskInput(Field<T> field) => field.ToTaskInput();

    /// <summary>Named alternative to the implicit conversion to <see cref="TaskInput"/>.</summary>
    public TaskInput ToTaskInput() => _expression is { } e ? TaskInput.FromExpression(e) : TaskInput.FromValue(LiteralToJson(_value));

    /// <inheritdoc />
    public override string ToString() => _expression?.Rendered ?? LiteralToJson(_value).ToJson();

    internal static JsonValue LiteralToJson(T? value) => value switch
    {
        null => JsonNull.Instance,
        JsonValue json => json,
        string s => JsonString.From(s),
        bool b => JsonBoolean.From(b),
        double d => JsonNumber.From(d),
        int i => JsonNumber.From(i),
        long l => JsonNumber.From(l),
        DateTimeOffset at => JsonString.From(Rfc3339(at)),
        _ => throw new NotSupportedException($"a Field of {typeof(T).Name} has no JSON form; use string, double, bool, DateTimeOffset or JsonValue"),
    };

    internal static string Rfc3339(DateTimeOffset at) =>
        at.ToUniversalTime().ToString(at.Millisecond == 0 ? "yyyy-MM-dd'T'HH:mm:ss'Z'" : "yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
