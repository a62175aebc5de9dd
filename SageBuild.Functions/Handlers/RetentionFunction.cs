using System.Globalization;
using SageBuild.Functions.Handlers.Core;
using SageBuild.StateMachines.Json;

namespace SageBuild.Functions.Handlers;

/// <summary>
/// Retention: which SageMaker models and endpoint configs are no longer referenced. The ledger's <c>deployments</c>
/// item lists the deployed builds, newest first; the newest <c>retention.models</c> models and
/// <c>retention.endpointConfigs</c> configs are kept (the live one is always the newest, and the one before it is the
/// rollback target), older ones are deleted once. The result lists what to delete and the item to write back.
/// </summary>
public sealed class RetentionFunction : FunctionHandler
{
    /// <inheritdoc />
    public override string Name => "retention";

    /// <inheritdoc />
    public override string Description => "Lists the old SageMaker models and endpoint configs no deployed build references any more.";

    /// <inheritdoc />
    public override JsonValue Handle(JsonValue input)
    {
        var keepModels = (int)(JsonRead.NumberOrNull(input, "retention.models") ?? 3);
        var keepConfigs = (int)(JsonRead.NumberOrNull(input, "retention.endpointConfigs") ?? 3);
        if (keepModels < 1 || keepConfigs < 1)
            throw new ArgumentException("retention.models and retention.endpointConfigs must be at least 1: the live model and config are never deleted");
        var current = new Deployment(
            JsonRead.String(input, "current.build"),
            JsonRead.String(input, "current.model"),
            JsonRead.String(input, "current.endpointConfig"),
            false,
            false);
        var history = new List<Deployment> { current };
        foreach (var entry in JsonRead.Array(input, "deployments.Item.history.L").OfType<JsonObject>())
        {
            var m = JsonRead.Object(entry, "M");
            var d = new Deployment(
                JsonRead.String(m, "build.N"), JsonRead.String(m, "model.S"), JsonRead.String(m, "endpointConfig.S"),
                JsonRead.Flag(m, "modelDeleted.BOOL"), JsonRead.Flag(m, "endpointConfigDeleted.BOOL"));
            if (d.Build != current.Build)
                history.Add(d);
        }

        var deleteModels = new List<string>();
        var deleteConfigs = new List<string>();
        for (var i = 0; i < history.Count; i++)
        {
            var d = history[i];
            if (i >= keepModels && !d.ModelDeleted)
            {
                deleteModels.Add(d.Model);
                history[i] = d = d with { ModelDeleted = true };
            }

            if (i >= keepConfigs && !d.EndpointConfigDeleted)
            {
                deleteConfigs.Add(d.EndpointConfig);
                history[i] = d with { EndpointConfigDeleted = true };
            }
        }

        // An entry whose model and config are both gone has nothing left to protect or delete.
        var remaining = history.Where(d => !(d.ModelDeleted && d.EndpointConfigDeleted)).ToList();
        var entries = JsonArray.Create(remaining.Select(d => (JsonValue)JsonObject.Create(("M", JsonObject.Create(
            ("build", JsonObject.Create(("N", d.Build))),
            ("model", JsonObject.Create(("S", d.Model))),
            ("endpointConfig", JsonObject.Create(("S", d.EndpointConfig))),
            ("modelDeleted", JsonObject.Create(("BOOL", d.ModelDeleted))),
            ("endpointConfigDeleted", JsonObject.Create(("BOOL", d.EndpointConfigDeleted))))))));
        var item = JsonObject.Create(("pk", JsonObject.Create(("S", "deployments"))), ("history", JsonObject.Create(("L", entries))));
        return JsonObject.Create(
            ("deleteModels", JsonArray.Create(deleteModels.Select(m => (JsonValue)m))),
            ("deleteEndpointConfigs", JsonArray.Create(deleteConfigs.Select(c => (JsonValue)c))),
            ("kept", remaining.Count.ToString(CultureInfo.InvariantCulture)),
            ("item", item));
    }

    private sealed record Deployment(string Build, string Model, string EndpointConfig, bool ModelDeleted, bool EndpointConfigDeleted);
}
