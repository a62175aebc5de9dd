namespace SageBuild.Infra.Model;

/// <summary>A number, kept as the literal it is written with.</summary>
/// <param name="Literal">The number's text, such as <c>30</c> or <c>0.5</c>.</param>
public sealed record NumberValue(string Literal) : PropertyValue
{
    /// <inheritdoc />
    public override IEnumerable<Reference> References() => [];
}
