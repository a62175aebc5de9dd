using SageBuild.StateMachines.Json;

namespace SageBuild.Functions.Handlers.Core;

/// <summary>
/// A C# implementation of a pluggable step (TrainingConfig, ModelConfig or EndpointConfig): it is given the step's
/// event and the request SageBuild would send, and returns the request to send instead. Register it in a
/// <see cref="StepRegistry"/> and name it in the configuration (<c>steps.trainingConfig.class</c>).
/// </summary>
public interface IRequestStep
{
    /// <summary>The SageMaker request to send.</summary>
    /// <param name="input">The step's event: the configuration, the deployment, the build, and earlier results.</param>
    /// <param name="request">The request SageBuild built (CreateTrainingJob, CreateModel or CreateEndpointConfig).</param>
    JsonObject BuildRequest(JsonValue input, JsonObject request);
}
