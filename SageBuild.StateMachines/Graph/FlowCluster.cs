namespace SageBuild.StateMachines.Graph;

/// <summary>A Parallel branch or a Map item processor.</summary>
/// <param name="Id">An identifier safe in any renderer (<c>c0</c>, <c>c1</c>, …).</param>
/// <param name="Label">Such as "Branch 1 of Fan out" or "Items of Map".</param>
/// <param name="ParentClusterId">The enclosing cluster, or null at the top level.</param>
/// <param name="Pointer">The JSON pointer of the branch or processor.</param>
/// <param name="OwnerNodeId">The Parallel or Map node that runs it.</param>
public sealed record FlowCluster(string Id, string Label, string? ParentClusterId, string Pointer, string OwnerNodeId);
