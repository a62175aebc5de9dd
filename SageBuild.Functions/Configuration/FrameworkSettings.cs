namespace SageBuild.Functions.Configuration;

/// <summary>What trains and serves the model (<c>framework</c>).</summary>
public sealed record FrameworkSettings
{
    /// <summary>The framework.</summary>
    /// <value>Defaults to <see cref="FrameworkName.Byod"/>.</value>
    public FrameworkName Name { get; init; } = FrameworkName.Byod;

    /// <summary>The framework's or algorithm's version.</summary>
    /// <value>None by default: the newest in the image table.</value>
    public string? Version { get; init; }

    /// <summary>The built-in algorithm (framework builtin only).</summary>
    /// <value>None by default.</value>
    public string? Algorithm { get; init; }

    /// <summary>The Python version of a script-mode image, such as py310.</summary>
    /// <value>None by default: the one the image table lists for the version.</value>
    public string? PythonVersion { get; init; }

    /// <summary>The training script (script mode).</summary>
    /// <value>Defaults to train.py.</value>
    public string EntryPoint { get; init; } = "train.py";

    /// <summary>The inference script (script mode).</summary>
    /// <value>Defaults to inference.py.</value>
    public string InferenceEntryPoint { get; init; } = "inference.py";

    /// <summary>A stored code version to redeploy instead of the build's own.</summary>
    /// <value>None by default: the build's own code.</value>
    public int? CodeVersion { get; init; }

    /// <summary>Whether the framework runs the user's scripts in SageMaker's framework images.</summary>
    public bool IsScriptMode => Name is not (FrameworkName.Byod or FrameworkName.Builtin);
}
