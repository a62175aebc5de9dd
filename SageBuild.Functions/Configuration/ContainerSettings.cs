namespace SageBuild.Functions.Configuration;

/// <summary>One container of an inference pipeline (<c>hosting.containers[i]</c>).</summary>
public sealed record ContainerSettings
{
    /// <summary>The image; <c>{inferenceImage}</c> stands for the build's inference image.</summary>
    public required string Image { get; init; }

    /// <summary>Environment variables.</summary>
    /// <value>None by default.</value>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>Whether the container gets the model artifact.</summary>
    /// <value>Defaults to true.</value>
    public bool UseModel { get; init; } = true;
}
