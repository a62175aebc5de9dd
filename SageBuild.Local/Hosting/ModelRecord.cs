using SageBuild.Local.Shapes;
using SageBuild.StateMachines.Json;

namespace SageBuild.Local.Hosting;

/// <summary>
/// A model (CreateModel): one container, or an inference pipeline of up to 15 containers that a request passes
/// through in order (<c>InferenceExecutionConfig.Mode</c> Serial) or that a request picks by hostname (Direct).
/// </summary>
internal sealed record ModelRecord(string Name, string Arn, DateTimeOffset CreationTime, JsonObject Request, IReadOnlyList<ContainerSpec> Containers, bool IsDirect)
{
    public static ModelRecord Parse(JsonValue parameters, Func<string, string> arn, DateTimeOffset now)
    {
        var request = new ShapeReader(parameters, "");
        var name = request.RequiredName("ModelName");
        var primary = request.OptionalObject("PrimaryContainer");
        var pipeline = request.ObjectList("Containers");
        if (primary is not null && pipeline.Count > 0)
            throw ServiceException.Invalid("give either PrimaryContainer or Containers, not both");
        var definitions = primary is { } single ? [single] : pipeline;
        if (definitions.Count == 0)
            throw ServiceException.Invalid("a model needs a PrimaryContainer or Containers");
        if (definitions.Count > 15)
            throw ServiceException.Invalid($"Containers may hold at most 15 containers, not {definitions.Count}");
        var containers = new List<ContainerSpec>();
        for (var i = 0; i < definitions.Count; i++)
        {
            var definition = definitions[i];
            if (definition.OptionalString("ModelPackageName") is { } package)
                throw ServiceException.Invalid($"{definition.Path("ModelPackageName")} '{package}': model packages are not available locally; give an Image");
            if (definition.OptionalString("Mode") is "MultiModel")
                throw ServiceException.Invalid($"{definition.Path("Mode")}: multi-model endpoints are not available locally");
            var hostname = definition.OptionalString("ContainerHostname") ?? (definitions.Count == 1 ? "primary" : $"container-{i + 1}");
            if (containers.Any(c => c.Hostname == hostname))
                throw ServiceException.Invalid($"{definition.Path("ContainerHostname")} '{hostname}' appears twice");
            containers.Add(new ContainerSpec(definition.RequiredString("Image"), definition.OptionalString("ModelDataUrl"), definition.StringMap("Environment"), hostname));
        }

        var mode = request.OptionalObject("InferenceExecutionConfig")?.OptionalString("Mode") ?? "Serial";
        if (mode is not ("Serial" or "Direct"))
            throw ServiceException.Invalid($"InferenceExecutionConfig.Mode must be Serial or Direct, not '{mode}'");
        return new ModelRecord(name, arn(name), now, request.Value, containers, mode == "Direct");
    }

    /// <summary>The DescribeModel response.</summary>
    public JsonObject Describe(TimestampFormat format)
    {
        var description = new JsonObjectBuilder().Set("ModelName", Name);
        foreach (var field in new[] { "PrimaryContainer", "Containers", "InferenceExecutionConfig", "ExecutionRoleArn", "VpcConfig", "EnableNetworkIsolation" })
        {
            if (Request.TryGetValue(field, out var value))
                description.Set(field, value);
        }

        return description.Set("CreationTime", format.Render(CreationTime)).Set("ModelArn", Arn).Build();
    }
}
