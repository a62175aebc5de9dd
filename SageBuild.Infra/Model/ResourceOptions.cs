namespace SageBuild.Infra.Model;

/// <summary>The Pulumi resource options SageBuild uses; each is left out of the program when unset.</summary>
public sealed record ResourceOptions
{
    /// <summary>No options.</summary>
    public static readonly ResourceOptions None = new();

    /// <summary>Resources that must exist before this one (and be deleted after it).</summary>
    /// <value>Empty by default: Pulumi follows the references in the properties.</value>
    public IReadOnlyList<Resource> DependsOn { get; init; } = [];

    /// <summary>Properties whose changes Pulumi ignores after the resource is created.</summary>
    /// <value>Empty by default.</value>
    public IReadOnlyList<string> IgnoreChanges { get; init; } = [];

    /// <summary>Whether Pulumi refuses to delete the resource.</summary>
    /// <value>False by default.</value>
    public bool Protect { get; init; }

    /// <summary>Whether the cloud resource outlives its removal from the stack.</summary>
    /// <value>False by default.</value>
    public bool RetainOnDelete { get; init; }

    /// <summary>Whether a replacement deletes the old resource before it creates the new one (needed for fixed names).</summary>
    /// <value>False by default.</value>
    public bool DeleteBeforeReplace { get; init; }

    /// <summary>Properties whose values Pulumi stores encrypted in the stack's state.</summary>
    /// <value>Empty by default.</value>
    public IReadOnlyList<string> AdditionalSecretOutputs { get; init; } = [];

    /// <summary>The options as a YAML map, in a fixed order.</summary>
    public MapValue ToMap() => new()
    {
        ["dependsOn"] = DependsOn.Count == 0 ? null : PropertyValue.List(DependsOn.Select(r => (PropertyValue)r.Self)),
        ["ignoreChanges"] = IgnoreChanges.Count == 0 ? null : PropertyValue.Texts(IgnoreChanges),
        ["protect"] = Protect ? true : null,
        ["retainOnDelete"] = RetainOnDelete ? true : null,
        ["deleteBeforeReplace"] = DeleteBeforeReplace ? true : null,
        ["additionalSecretOutputs"] = AdditionalSecretOutputs.Count == 0 ? null : PropertyValue.Texts(AdditionalSecretOutputs),
    };

    /// <inheritdoc />
    public bool Equals(ResourceOptions? other) => other is not null && ToMap().Equals(other.ToMap());

    /// <inheritdoc />
    public override int GetHashCode() => ToMap().GetHashCode();
}
