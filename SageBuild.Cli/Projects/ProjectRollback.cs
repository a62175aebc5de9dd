using System.Globalization;
using SageBuild.Functions.Handlers;
using SageBuild.StateMachines.Json;

namespace SageBuild.Cli.Projects;

/// <summary>
/// Redeploys a recorded build without retraining: its model and endpoint config (created again from the ledger's
/// artifact and image when retention deleted them), a blue/green switch of the endpoint, and the ledger's production
/// record pointed back at it, so the quality gate compares the next builds with the model that serves.
/// </summary>
public static class ProjectRollback
{
    /// <summary>How long the endpoint has to serve the recorded build.</summary>
    public static readonly TimeSpan DeployTimeout = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Rolls back to build <paramref name="to"/>, or by default to the newest deployed build older than the one in
    /// production. Returns the build number now served.
    /// </summary>
    /// <exception cref="InvalidOperationException">There is no such deployed build, or its endpoint could not serve it; the message says which.</exception>
    public static async Task<long> RollbackAsync(LocalPipelineRun run, long? to, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        var production = run.ProductionBuild();
        var target = to ?? PreviousDeployed(run, production)
            ?? throw new InvalidOperationException(production is null
                ? "nothing was deployed yet: run 'sagebuild run' first"
                : $"no deployed build older than build {production} is recorded; name one with --to N");
        var pk = "build#" + target.ToString(CultureInfo.InvariantCulture);
        var record = run.LedgerItem(pk) ?? throw new InvalidOperationException($"build {target} is not in the ledger");
        var status = Attribute(record, "status");
        var model = Attribute(record, "model");
        var config = Attribute(record, "endpointConfig");
        var artifact = Attribute(record, "artifact");
        var image = Attribute(record, "inferenceImage");
        if (model is null || config is null || artifact is null || image is null || status is not ("DEPLOYED" or "REGISTERED"))
            throw new InvalidOperationException($"build {target} was {status ?? "never finished"} and has no model to redeploy; only DEPLOYED or REGISTERED builds can be rolled back to");

        var options = run.Project.Options;
        if (!run.Backends.HasEndpointConfig(config))
        {
            // Retention deleted it: the ledger keeps what is needed to make it again (no training).
            if (!run.Backends.HasModel(model))
            {
                run.Backends.CreateModel(JsonObject.Create(
                    ("ModelName", model), ("ExecutionRoleArn", options.HostingRoleArn),
                    ("PrimaryContainer", JsonObject.Create(("Image", image), ("ModelDataUrl", artifact)))));
            }

            run.Backends.CreateEndpointConfig(JsonObject.Create(
                ("EndpointConfigName", config),
                ("ProductionVariants", JsonArray.Create(JsonObject.Create(
                    ("VariantName", "AllTraffic"), ("ModelName", model), ("InitialInstanceCount", JsonNumber.From(1)), ("InstanceType", "ml.m5.large"))))));
        }

        await run.Backends.DeployAsync(options.EndpointName, config, DeployTimeout, cancellationToken);
        var now = JsonObject.Create(("S", DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture)));
        var item = JsonObject.Create(LedgerRecordFunction.ProductionAttributes
            .Where(a => a is not ("pk" or "deployedAt") && record.ContainsKey(a))
            .Select(a => (a, record[a]))
            .Prepend(("pk", JsonObject.Create(("S", "production"))))
            .Append(("deployedAt", now))
            .ToArray());
        run.PutLedgerItem(item);
        return target;
    }

    private static long? PreviousDeployed(LocalPipelineRun run, long? production)
    {
        if (production is not { } current)
            return null;
        for (var n = current - 1; n >= 1; n--)
        {
            if (run.LedgerAttribute("build#" + n.ToString(CultureInfo.InvariantCulture), "status") == "DEPLOYED")
                return n;
        }

        return null;
    }

    private static string? Attribute(JsonObject item, string name) =>
        item.TryGetValue(name, out var v) && v is JsonObject typed && typed.TryGetValue("S", out var s) && s is JsonString text ? text.Value : null;
}
