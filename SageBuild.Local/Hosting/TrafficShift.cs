namespace SageBuild.Local.Hosting;

/// <summary>A share of an endpoint's requests sent to the deployment that is replacing the active one.</summary>
internal sealed record TrafficShift(Deployment Next, double Share);
