namespace SageBuild.Infra.Model;

/// <summary><c>true</c> or <c>false</c>.</summary>
/// <param name="Value">The value.</param>
public sealed record BooleanValue(bool Value) : PropertyValue
{
    /// <summary>true.</summary>
    public static readonly BooleanValue True = new(true);

    /// <summary>false.</summary>
    public static readonly BooleanValue False = new(false);

    /// <inheritdoc />
    public override IEnumerable<Reference> References() => [];
}
