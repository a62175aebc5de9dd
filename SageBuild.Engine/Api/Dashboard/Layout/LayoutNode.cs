using SageBuild.StateMachines.Graph;

namespace SageBuild.Engine.Api.Dashboard.Layout;

/// <summary>Where a node goes. A Parallel or Map is a container: its box holds its branches' clusters below its title.</summary>
internal sealed record LayoutNode(FlowNode Node, LayoutRect Box, bool IsContainer);
