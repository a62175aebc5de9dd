using SageBuild.Local.Shapes;
using SageBuild.StateMachines.Json;

namespace SageBuild.Local.Hosting;

/// <summary>
/// How a blue/green update moves traffic, from the request's <c>DeploymentConfig.BlueGreenUpdatePolicy</c>:
/// ALL_AT_ONCE, CANARY (a share of the traffic for one wait interval, then all) or LINEAR (equal steps, one per
/// wait interval). Without a policy, traffic moves all at once with no waits.
/// </summary>
/// <param name="Type">ALL_AT_ONCE, CANARY or LINEAR.</param>
/// <param name="Steps">The shares of traffic the new fleet gets before it gets it all, each held for <paramref name="WaitInterval"/>.</param>
/// <param name="WaitInterval">How long each step lasts; for ALL_AT_ONCE, the baking time before the old fleet stops.</param>
/// <param name="TerminationWait">How long the old fleet is kept, without traffic, after the switch.</param>
internal sealed record TrafficRouting(string Type, IReadOnlyList<double> Steps, TimeSpan WaitInterval, TimeSpan TerminationWait)
{
    public static readonly TrafficRouting AllAtOnce = new("ALL_AT_ONCE", [], TimeSpan.Zero, TimeSpan.Zero);

    /// <summary>Reads the policy; <paramref name="newInstanceCount"/> turns an INSTANCE_COUNT size into a share.</summary>
    public static TrafficRouting Parse(JsonValue? deploymentConfig, int newInstanceCount)
    {
        if (deploymentConfig is null)
            return AllAtOnce;
        var config = new ShapeReader(deploymentConfig, "DeploymentConfig");
        if (config.OptionalObject("BlueGreenUpdatePolicy") is not { } policy)
            return AllAtOnce; // a RollingUpdatePolicy replaces the fleet at once locally: there is one instance per process
        var routing = policy.RequiredObject("TrafficRoutingConfiguration");
        var type = routing.RequiredString("Type");
        var wait = TimeSpan.FromSeconds(routing.OptionalInteger("WaitIntervalInSeconds", 0, 3600)
            ?? throw ServiceException.Invalid($"{routing.Path("WaitIntervalInSeconds")} is required"));
        var termination = TimeSpan.FromSeconds(policy.OptionalInteger("TerminationWaitInSeconds", 0, 3600) ?? 0);
        switch (type)
        {
            case "ALL_AT_ONCE":
                return new TrafficRouting(type, [], wait, termination);
            case "CANARY":
                return new TrafficRouting(type, [Share(routing, "CanarySize", newInstanceCount)], wait, termination);
            case "LINEAR":
                var step = Share(routing, "LinearStepSize", newInstanceCount);
                var steps = new List<double>();
                for (var share = step; share < 1 - 1e-9; share += step)
                    steps.Add(share);
                return new TrafficRouting(type, steps, wait, termination);
            default:
                throw ServiceException.Invalid($"{routing.Path("Type")} must be ALL_AT_ONCE, CANARY or LINEAR, not '{type}'");
        }
    }

    private static double Share(ShapeReader routing, string key, int newInstanceCount)
    {
        var size = routing.OptionalObject(key) ?? throw ServiceException.Invalid($"{routing.Path(key)} is required for {routing.RequiredString("Type")}");
        var value = size.OptionalNumber("Value") ?? throw ServiceException.Invalid($"{size.Path("Value")} is required");
        var share = size.RequiredString("Type") switch
        {
            "CAPACITY_PERCENT" => value / 100,
            "INSTANCE_COUNT" => value / Math.Max(1, newInstanceCount),
            var other => throw ServiceException.Invalid($"{size.Path("Type")} must be INSTANCE_COUNT or CAPACITY_PERCENT, not '{other}'"),
        };
        return share is > 0 and <= 1 ? share : throw ServiceException.Invalid($"{size.Location} must give a share of traffic between 0 and 100%, not {value}");
    }
}
