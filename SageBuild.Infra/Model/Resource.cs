namespace SageBuild.Infra.Model;

/// <summary>
/// One resource of the program: its logical name (the key under <c>resources:</c>, and how other values refer to
/// it), its type, its properties and its options.
/// </summary>
public sealed record Resource
{
    /// <summary>A resource named <paramref name="name"/>.</summary>
    public Resource(string name, ResourceType type, MapValue properties, ResourceOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(properties);
        Self = new Reference(name);
        Name = name;
        Type = type;
        Properties = properties;
        Options = options ?? ResourceOptions.None;
    }

    /// <summary>The logical name.</summary>
    public string Name { get; }

    /// <summary>The type.</summary>
    public ResourceType Type { get; }

    /// <summary>The input properties.</summary>
    public MapValue Properties { get; }

    /// <summary>The options.</summary>
    public ResourceOptions Options { get; }

    /// <summary>A reference to the resource itself, as <c>dependsOn</c> takes it: <c>${name}</c>.</summary>
    public Reference Self { get; }

    /// <summary>A reference to one of the resource's outputs, such as <c>${bucket.arn}</c>.</summary>
    public Reference Output(string property) => new(Name, property);

    /// <summary>This resource with other options.</summary>
    public Resource WithOptions(ResourceOptions options) => new(Name, Type, Properties, options);
}
