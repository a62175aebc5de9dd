namespace SageBuild.Infra.Model;

/// <summary>
/// A config value the printed program reads from the stack through Pulumi rather than through the compiler, such as
/// a secret the compiler must never see. Referenced as <c>${name}</c>.
/// </summary>
/// <param name="Name">The key without the project prefix.</param>
/// <param name="Type">The Pulumi config type: string, integer, boolean, array or object.</param>
/// <param name="IsSecret">Whether Pulumi keeps the value encrypted.</param>
public sealed record ConfigDeclaration(string Name, string Type, bool IsSecret)
{
    /// <summary>A reference to the value.</summary>
    public Reference Value => new(Name);

    /// <summary>The declaration as the YAML <c>config:</c> section writes it.</summary>
    public MapValue ToMap() => new()
    {
        ["type"] = Type,
        ["secret"] = IsSecret ? true : null,
    };
}
