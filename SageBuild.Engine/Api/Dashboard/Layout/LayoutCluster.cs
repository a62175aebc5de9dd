using SageBuild.StateMachines.Graph;

namespace SageBuild.Engine.Api.Dashboard.Layout;

/// <summary>Where a Parallel branch or a Map item processor goes: a box around its states, titled with its label.</summary>
internal sealed record LayoutCluster(FlowCluster Cluster, LayoutRect Box);
