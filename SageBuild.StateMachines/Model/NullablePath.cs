namespace SageBuild.StateMachines.Model;

/// <summary>
/// A path field that ASL lets you set to <c>null</c> with its own meaning: <c>"InputPath": null</c> passes <c>{}</c>,
/// <c>"ResultPath": null</c> discards the result. An absent field is a null <see cref="NullablePath"/> reference instead.
/// </summary>
/// <param name="Path">The path, or null for the explicit JSON <c>null</c>.</param>
public sealed record NullablePath(string? Path)
{
    /// <summary>The explicit <c>null</c>.</summary>
    public static readonly NullablePath Null = new((string?)null);

    /// <summary>Whether this is the explicit <c>null</c>.</summary>
    public bool IsNull => Path is null;

    public static implicit operator NullablePath(string path) => new(path);

    /// <summary>Named alternative to the implicit conversion.</summary>
    public static NullablePath Of(string path) => new(path);
}
