namespace SageBuild.Functions.Configuration;

/// <summary>One problem with a configuration document: the key at fault, as a dotted path, and what is wrong.</summary>
/// <param name="Key">The key, such as <c>training.instanceCount</c> or <c>training.channels[1].uri</c>; empty for the whole document.</param>
/// <param name="Message">What is wrong, such as <c>must be ≥ 1</c>.</param>
public sealed record ConfigurationError(string Key, string Message)
{
    /// <inheritdoc />
    public override string ToString() => Key.Length == 0 ? Message : $"{Key}: {Message}";
}
