namespace SageBuild.Infra.Model;

/// <summary>The YAML null.</summary>
public sealed record NullValue : PropertyValue
{
    /// <summary>The only instance.</summary>
    public static readonly NullValue Instance = new();

    private NullValue()
    {
    }

    /// <inheritdoc />
    public override IEnumerable<Reference> References() => [];
}
