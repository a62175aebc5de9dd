using System.Globalization;

namespace SageBuild.StateMachines.Model;

/// <summary>A numeric field that a JSONata state may give as a <c>{% ... %}</c> expression instead.</summary>
public readonly record struct NumberOrJsonata
{
    private NumberOrJsonata(double? number, string? expression)
    {
        Number = number;
        Expression = expression;
    }

    /// <summary>The literal number, when not an expression.</summary>
    public double? Number { get; }

    /// <summary>The JSONata text including its <c>{% %}</c> delimiters, when not a literal.</summary>
    public string? Expression { get; }

    /// <summary>Whether this is a JSONata expression.</summary>
    public bool IsExpression => Expression is not null;

    /// <summary>A literal number.</summary>
    public static NumberOrJsonata Of(double number) => new(number, null);

    /// <summary>A JSONata expression.</summary>
    public static NumberOrJsonata OfExpression(string expression) => new(null, expression ?? throw new ArgumentNullException(nameof(expression)));

    public static implicit operator NumberOrJsonata(int number) => Of(number);

    public static implicit operator NumberOrJsonata(double number) => Of(number);

    /// <inheritdoc />
    public override string ToString() => Expression ?? Number!.Value.ToString(CultureInfo.InvariantCulture);
}
