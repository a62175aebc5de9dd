using SageBuild.StateMachines.Model;

namespace SageBuild.StateMachines.Graph;

/// <summary>A node: a state, or the start or end of the execution.</summary>
/// <param name="Id">An identifier safe in any renderer (<c>n0</c>, <c>n1</c>, …, <c>start</c>, <c>end</c>).</param>
/// <param name="Label">The state's name, or "Start" and "End".</param>
/// <param name="Kind">Whether the node is a state or a start or end marker.</param>
/// <param name="StateType">The state's type, for a state.</param>
/// <param name="Pointer">The state's JSON pointer, for a state.</param>
/// <param name="ClusterId">The cluster holding the node, or null at the top level.</param>
public sealed record FlowNode(string Id, string Label, FlowNodeKind Kind, StateType? StateType, string? Pointer, string? ClusterId);
