namespace SageBuild.Infra.Model;

/// <summary>A string: literal parts and <c>${...}</c> references.</summary>
/// <param name="Value">The parts.</param>
public sealed record TextValue(Interpolation Value) : PropertyValue
{
    /// <inheritdoc />
    public override IEnumerable<Reference> References() => Value.References;
}
