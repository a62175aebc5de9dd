namespace SageBuild.StateMachines.Graph;

/// <summary>A transition.</summary>
/// <param name="From">The source node's id.</param>
/// <param name="To">The target node's id.</param>
/// <param name="Kind">What causes the transition.</param>
/// <param name="Label">A short description: the Choice rule's condition, the errors a Catch matches, a branch number; null for a plain Next.</param>
public sealed record FlowEdge(string From, string To, FlowEdgeKind Kind, string? Label);
