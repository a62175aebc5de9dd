namespace SageBuild.Functions.Configuration;

/// <summary>The pluggable steps (<c>steps</c>).</summary>
/// <param name="TrainingConfig">Replaces how the training (or tuning) request is built.</param>
/// <param name="ModelConfig">Replaces how the CreateModel request is built.</param>
/// <param name="EndpointConfig">Replaces how the CreateEndpointConfig request is built.</param>
public sealed record StepSettings(StepOverride? TrainingConfig = null, StepOverride? ModelConfig = null, StepOverride? EndpointConfig = null);
