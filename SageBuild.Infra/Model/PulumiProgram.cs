namespace SageBuild.Infra.Model;

/// <summary>
/// A whole Pulumi YAML program: config declarations, variables, resources and outputs, each kept in the order added.
/// Adding checks that every name is unique across the program's one namespace (Pulumi YAML shares it between config,
/// variables and resources) and that every reference points to something already added.
/// </summary>
public sealed class PulumiProgram
{
    private readonly List<ConfigDeclaration> _config = [];
    private readonly List<KeyValuePair<string, PropertyValue>> _variables = [];
    private readonly List<Resource> _resources = [];
    private readonly List<KeyValuePair<string, PropertyValue>> _outputs = [];
    private readonly Dictionary<string, string> _names = new(StringComparer.Ordinal);

    /// <summary>A program of the project <paramref name="name"/>.</summary>
    public PulumiProgram(string name, string? description = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
        Description = description;
    }

    /// <summary>The project name.</summary>
    public string Name { get; }

    /// <summary>The project description.</summary>
    public string? Description { get; }

    /// <summary>The config declarations.</summary>
    public IReadOnlyList<ConfigDeclaration> Config => _config;

    /// <summary>The variables.</summary>
    public IReadOnlyList<KeyValuePair<string, PropertyValue>> Variables => _variables;

    /// <summary>The resources.</summary>
    public IReadOnlyList<Resource> Resources => _resources;

    /// <summary>The stack outputs.</summary>
    public IReadOnlyList<KeyValuePair<string, PropertyValue>> Outputs => _outputs;

    /// <summary>Declares a config value read through Pulumi; returns a reference to it.</summary>
    public Reference AddConfig(ConfigDeclaration declaration)
    {
        ArgumentNullException.ThrowIfNull(declaration);
        Claim(declaration.Name, "config value");
        _config.Add(declaration);
        return declaration.Value;
    }

    /// <summary>Adds a variable; returns a reference to it.</summary>
    public Reference AddVariable(string name, PropertyValue value)
    {
        ArgumentNullException.ThrowIfNull(value);
        CheckReferences(name, value);
        Claim(name, "variable");
        _variables.Add(new(name, value));
        return new Reference(name);
    }

    /// <summary>Adds a resource; returns it.</summary>
    public Resource Add(Resource resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        CheckReferences(resource.Name, resource.Properties);
        foreach (var dependency in resource.Options.DependsOn)
            CheckReferences(resource.Name, dependency.Self);
        Claim(resource.Name, "resource");
        _resources.Add(resource);
        return resource;
    }

    /// <summary>Adds a stack output.</summary>
    public void AddOutput(string name, PropertyValue value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(value);
        if (_outputs.Any(o => o.Key == name))
            throw new InvalidOperationException($"the stack output '{name}' is already defined");
        CheckReferences($"output {name}", value);
        _outputs.Add(new(name, value));
    }

    /// <summary>The resource named <paramref name="name"/>.</summary>
    public Resource Resource(string name) =>
        _resources.FirstOrDefault(r => r.Name == name) ?? throw new KeyNotFoundException($"the program has no resource '{name}'");

    /// <summary>Whether <paramref name="name"/> is a config value, variable or resource of the program.</summary>
    public bool Defines(string name) => _names.ContainsKey(name);

    private void Claim(string name, string kind)
    {
        if (!Model.Reference.NamePattern().IsMatch(name))
            throw new ArgumentException($"'{name}' is not a {kind} name: use letters, digits, '_' and '-', starting with a letter", nameof(name));
        if (name == "pulumi")
            throw new ArgumentException("'pulumi' is Pulumi YAML's built-in variable", nameof(name));
        if (_names.TryGetValue(name, out var existing))
            throw new InvalidOperationException($"'{name}' is already a {existing} of the program: names are shared by config, variables and resources");
        _names[name] = kind;
    }

    private void CheckReferences(string owner, PropertyValue value)
    {
        foreach (var reference in value.References())
        {
            if (reference.Root != "pulumi" && !_names.ContainsKey(reference.Root))
                throw new InvalidOperationException($"{owner} refers to {reference}, but the program has no '{reference.Root}' yet: add it first");
        }
    }
}
