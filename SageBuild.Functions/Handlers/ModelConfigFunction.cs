using SageBuild.Functions.Configuration;
using SageBuild.Functions.Frameworks;
using SageBuild.Functions.Handlers.Core;
using SageBuild.StateMachines.Json;

namespace SageBuild.Functions.Handlers;

/// <summary>
/// The ModelConfig step: the exact CreateModel request for the candidate's artifact, with a single container (the
/// inference image, with the configured environment and script mode's) or an inference pipeline of containers, and
/// whether the inference image must be built first. A registered C# step can rewrite it (<c>steps.modelConfig.class</c>).
/// </summary>
public sealed class ModelConfigFunction(StepRegistry? registry = null) : FunctionHandler
{
    private readonly StepRegistry _registry = registry ?? StepRegistry.Shared;

    /// <summary>Creates the handler with the shared step registry (the Lambda runtime's constructor).</summary>
    public ModelConfigFunction()
        : this(null)
    {
    }

    /// <inheritdoc />
    public override string Name => "model-config";

    /// <inheritdoc />
    public override string Description => "Builds the CreateModel request: one container or an inference pipeline, with environment.";

    /// <inheritdoc />
    public override JsonValue Handle(JsonValue input)
    {
        var s = StepContext.From(input);
        var c = s.Configuration;
        var artifact = JsonRead.StringOrNull(input, "trained.job.ModelArtifacts.S3ModelArtifacts") ?? JsonRead.StringOrNull(input, "trained.artifact")
            ?? throw new ArgumentException("the event has no model artifact: neither trained.job.ModelArtifacts.S3ModelArtifacts nor trained.artifact");
        var image = TrainingImages.Inference(s);
        var environment = c.Hosting.Environment.AsEnumerable();
        if (c.Framework.IsScriptMode)
        {
            var code = $"s3://{s.Environment.CodeBucket}/{ScriptMode.CodeKey(ImageScope.Inference, s.CodeVersion)}";
            environment = environment.Concat(ScriptMode.InferenceEnvironment(c.Framework.InferenceEntryPoint, code, s.Environment.Region));
        }

        var request = new JsonObjectBuilder().Set("ModelName", s.Names.Model).Set("ExecutionRoleArn", s.Environment.HostingRoleArn);
        if (c.Hosting.Containers.Count == 0)
        {
            request.Set("PrimaryContainer", Container(image, StepContext.StringMap(environment), artifact));
        }
        else
        {
            request.Set("Containers", JsonArray.Create(c.Hosting.Containers.Select(ct => (JsonValue)Container(
                ct.Image.Replace(ConfigurationWriter.InferenceImageToken, image, StringComparison.Ordinal),
                StepContext.StringMap(ct.Environment),
                ct.UseModel ? artifact : null))));
        }

        request.Set("Tags", s.Tags);
        return new JsonObjectBuilder()
            .Set("modelName", s.Names.Model)
            .Set("artifact", artifact)
            .Set("pipeline", c.Hosting.Containers.Count > 0)
            .Set("inferenceImage", JsonObject.Create(("build", c.BuildsInferenceImage), ("tag", TrainingImages.InferenceTag(s.Build)), ("uri", image)))
            .Set("request", s.Plug(request.Build(), c.Steps.ModelConfig, "modelConfig", _registry))
            .Build();
    }

    private static JsonObject Container(string image, JsonObject environment, string? artifact) => new JsonObjectBuilder()
        .Set("Image", image)
        .SetIfNotNull("ModelDataUrl", artifact is null ? null : JsonString.From(artifact))
        .Set("Environment", environment)
        .Build();
}
