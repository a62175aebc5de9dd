using System.Globalization;
using SageBuild.Functions.Handlers.Core;
using SageBuild.StateMachines.Json;
using SageBuild.StateMachines.Tasks.SageMaker;

namespace SageBuild.Functions.Handlers;

/// <summary>
/// The EndpointConfig step: the exact CreateEndpointConfig request (every variant serving the candidate, with its
/// weight, instance type and count, and the data-capture setting), the UpdateEndpoint DeploymentConfig from the
/// guardrails (blue/green ALL_AT_ONCE, CANARY or LINEAR, with auto-rollback alarms), how often to poll the endpoint,
/// the deadlines of the deploy and of a restore (from the time Step Functions passes in <c>now</c>), and the smoke test.
/// A registered C# step can rewrite the request (<c>steps.endpointConfig.class</c>).
/// </summary>
public sealed class EndpointConfigFunction(StepRegistry? registry = null) : FunctionHandler
{
    private readonly StepRegistry _registry = registry ?? StepRegistry.Shared;

    /// <summary>Creates the handler with the shared step registry (the Lambda runtime's constructor).</summary>
    public EndpointConfigFunction()
        : this(null)
    {
    }

    /// <summary>Where endpoint data capture writes in the artifacts bucket unless the configuration names another place (the hosting role may write there).</summary>
    public const string DataCapturePrefix = "data-capture/";

    /// <inheritdoc />
    public override string Name => "endpoint-config";

    /// <inheritdoc />
    public override string Description => "Builds the CreateEndpointConfig request and the blue/green deployment settings.";

    /// <inheritdoc />
    public override JsonValue Handle(JsonValue input)
    {
        var s = StepContext.From(input);
        var c = s.Configuration;
        var now = DateTimeOffset.Parse(JsonRead.String(input, "now"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
        var capture = c.Hosting.DataCapture;
        var request = new JsonObjectBuilder()
            .Set("EndpointConfigName", s.Names.EndpointConfig)
            .Set("ProductionVariants", JsonArray.Create(c.Hosting.EffectiveVariants.Select(v => (JsonValue)JsonObject.Create(
                ("VariantName", v.Name),
                ("ModelName", s.Names.Model),
                ("InitialInstanceCount", v.InstanceCount ?? c.Hosting.InstanceCount),
                ("InstanceType", v.InstanceType ?? c.Hosting.InstanceType),
                ("InitialVariantWeight", v.Weight)))))
            .Set("DataCaptureConfig", JsonObject.Create(
                ("EnableCapture", capture.Enabled),
                ("InitialSamplingPercentage", capture.SamplingPercentage),
                ("DestinationS3Uri", capture.Destination ?? $"s3://{s.Environment.ArtifactsBucket}/{DataCapturePrefix}"),
                ("CaptureOptions", JsonArray.Create(capture.CaptureModes.Select(m => (JsonValue)JsonObject.Create(("CaptureMode", m.ToString())))))))
            .Set("Tags", s.Tags)
            .Build();
        var timeout = TimeSpan.FromSeconds(c.Guardrails.EndpointTimeoutSeconds);
        return new JsonObjectBuilder()
            .Set("endpointConfigName", s.Names.EndpointConfig)
            .Set("request", s.Plug(request, c.Steps.EndpointConfig, "endpointConfig", _registry))
            .Set("deploymentConfig", DeploymentConfig(c.Guardrails))
            .Set("pollSeconds", c.Guardrails.PollSeconds)
            .Set("deadline", Rfc3339(now + timeout))
            .Set("restoreDeadline", Rfc3339(now + timeout + timeout))
            .Set("smokeTest", c.SmokeTest is { } smoke ? JsonObject.Create(("body", smoke.Body), ("contentType", smoke.ContentType)) : JsonValue.Null)
            .Build();
    }

    /// <summary>UpdateEndpoint's DeploymentConfig for the guardrails.</summary>
    public static JsonObject DeploymentConfig(Configuration.GuardrailSettings g)
    {
        ArgumentNullException.ThrowIfNull(g);
        var routing = new JsonObjectBuilder().Set("Type", g.TrafficRouting.ToString()).Set("WaitIntervalInSeconds", g.WaitSeconds);
        if (g.TrafficRouting != TrafficRoutingType.ALL_AT_ONCE)
            routing.Set(g.TrafficRouting == TrafficRoutingType.LINEAR ? "LinearStepSize" : "CanarySize", JsonObject.Create(("Type", "CAPACITY_PERCENT"), ("Value", g.SizePercent ?? 10)));
        var policy = new JsonObjectBuilder()
            .Set("TrafficRoutingConfiguration", routing.Build())
            .SetIfNotNull("TerminationWaitInSeconds", g.TerminationWaitSeconds is { } t ? JsonNumber.From(t) : null)
            .SetIfNotNull("MaximumExecutionTimeoutInSeconds", g.MaximumExecutionTimeoutSeconds is { } m ? JsonNumber.From(m) : null)
            .Build();
        return new JsonObjectBuilder()
            .Set("BlueGreenUpdatePolicy", policy)
            .SetIfNotNull("AutoRollbackConfiguration", g.Alarms.Count == 0 ? null
                : JsonObject.Create(("Alarms", JsonArray.Create(g.Alarms.Select(a => (JsonValue)JsonObject.Create(("AlarmName", a)))))))
            .Build();
    }

    private static string Rfc3339(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
