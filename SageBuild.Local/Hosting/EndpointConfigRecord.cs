using SageBuild.Local.Shapes;
using SageBuild.StateMachines.Json;

namespace SageBuild.Local.Hosting;

/// <summary>An endpoint configuration (CreateEndpointConfig): its production variants with their weights.</summary>
internal sealed record EndpointConfigRecord(string Name, string Arn, DateTimeOffset CreationTime, JsonObject Request, IReadOnlyList<VariantSpec> Variants)
{
    public static EndpointConfigRecord Parse(JsonValue parameters, Func<string, string> arn, DateTimeOffset now)
    {
        var request = new ShapeReader(parameters, "");
        var name = request.RequiredName("EndpointConfigName");
        var variants = new List<VariantSpec>();
        var definitions = request.ObjectList("ProductionVariants");
        if (definitions.Count is 0 or > 10)
            throw ServiceException.Invalid($"ProductionVariants must hold 1 to 10 variants, not {definitions.Count}");
        foreach (var variant in definitions)
        {
            var variantName = variant.RequiredName("VariantName");
            if (variants.Any(v => v.VariantName == variantName))
                throw ServiceException.Invalid($"{variant.Path("VariantName")} '{variantName}' appears twice");
            var serverless = variant.Has("ServerlessConfig");
            var count = variant.OptionalInteger("InitialInstanceCount", 1, 100) ?? (serverless ? 1 : throw ServiceException.Invalid($"{variant.Path("InitialInstanceCount")} is required"));
            var weight = variant.OptionalNumber("InitialVariantWeight") ?? 1.0;
            if (weight < 0)
                throw ServiceException.Invalid($"{variant.Path("InitialVariantWeight")} must not be negative");
            var startup = variant.OptionalInteger("ContainerStartupHealthCheckTimeoutInSeconds", 60, 3600);
            variants.Add(new VariantSpec(variantName, variant.RequiredString("ModelName"), (int)count, weight, variant.OptionalString("InstanceType"),
                startup is { } seconds ? TimeSpan.FromSeconds(seconds) : null));
        }

        return new EndpointConfigRecord(name, arn(name), now, request.Value, variants);
    }

    /// <summary>The DescribeEndpointConfig response.</summary>
    public JsonObject Describe(TimestampFormat format)
    {
        var description = new JsonObjectBuilder().Set("EndpointConfigName", Name).Set("EndpointConfigArn", Arn);
        foreach (var field in new[] { "ProductionVariants", "DataCaptureConfig", "KmsKeyId", "AsyncInferenceConfig", "ShadowProductionVariants" })
        {
            if (Request.TryGetValue(field, out var value))
                description.Set(field, value);
        }

        return description.Set("CreationTime", format.Render(CreationTime)).Build();
    }
}
