using SageBuild.StateMachines.Json;

namespace SageBuild.Functions.Configuration;

/// <summary>
/// The SageBuild pipeline configuration: a typed, validated, immutable view of the JSON document kept in the
/// parameter store. Read one with <see cref="ConfigurationReader.Read(string)"/>; write one with <see cref="ToJson"/>.
/// </summary>
public sealed record PipelineConfiguration
{
    /// <summary>What trains and serves the model.</summary>
    /// <value>Defaults to your own images.</value>
    public FrameworkSettings Framework { get; init; } = new();

    /// <summary>Your training image; when given, no training image is built.</summary>
    /// <value>None by default.</value>
    public string? TrainingImage { get; init; }

    /// <summary>Your inference image; when given, no inference image is built.</summary>
    /// <value>None by default.</value>
    public string? InferenceImage { get; init; }

    /// <summary>Whether to train; false deploys <see cref="ModelArtifacts"/>.</summary>
    /// <value>Defaults to true.</value>
    public bool Train { get; init; } = true;

    /// <summary>An existing model.tar.gz, deployed when <see cref="Train"/> is false.</summary>
    /// <value>None by default.</value>
    public string? ModelArtifacts { get; init; }

    /// <summary>Whether to deploy; false registers the model and endpoint config only.</summary>
    /// <value>Defaults to true.</value>
    public bool DeployEndpoint { get; init; } = true;

    /// <summary>Training.</summary>
    public TrainingSettings Training { get; init; } = new();

    /// <summary>Tuning instead of one training job.</summary>
    /// <value>None by default.</value>
    public TuningSettings? Tuning { get; init; }

    /// <summary>Hosting.</summary>
    public HostingSettings Hosting { get; init; } = new();

    /// <summary>The quality gate.</summary>
    /// <value>None by default: every candidate passes (and is still recorded).</value>
    public QualityGateSettings? Gate { get; init; }

    /// <summary>Deployment guardrails.</summary>
    public GuardrailSettings Guardrails { get; init; } = new();

    /// <summary>Retention of old models and endpoint configs.</summary>
    public RetentionSettings Retention { get; init; } = new();

    /// <summary>Child state machines.</summary>
    public HookSettings Hooks { get; init; } = new();

    /// <summary>Pluggable steps.</summary>
    public StepSettings Steps { get; init; } = new();

    /// <summary>The smoke test.</summary>
    /// <value>None by default: the endpoint is accepted once it serves the new config.</value>
    public SmokeTestSettings? SmokeTest { get; init; }

    /// <summary>Tags of every SageMaker resource the pipeline creates.</summary>
    /// <value>None by default.</value>
    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();

    /// <summary>The stack config's overrides last merged into the document (managed by SageBuild).</summary>
    /// <value>Empty by default.</value>
    public JsonObject DeployOverrides { get; init; } = JsonObject.Empty;

    /// <summary>Whether the pipeline builds the training image (training needed and no image given).</summary>
    public bool BuildsTrainingImage => Train && TrainingImage is null && Framework.Name == FrameworkName.Byod;

    /// <summary>Whether the pipeline builds the inference image.</summary>
    public bool BuildsInferenceImage => InferenceImage is null && Framework.Name == FrameworkName.Byod
        && (Hosting.Containers.Count == 0 || Hosting.Containers.Any(c => c.Image.Contains(ConfigurationWriter.InferenceImageToken, StringComparison.Ordinal)));

    /// <summary>The document with every default written out.</summary>
    public JsonObject ToJson() => ConfigurationWriter.Write(this);
}
