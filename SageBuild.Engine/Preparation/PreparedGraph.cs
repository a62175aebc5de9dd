using SageBuild.Engine.Execution;

namespace SageBuild.Engine.Preparation;

/// <summary>A graph's states in an array, with the index of the first.</summary>
internal sealed class PreparedGraph(StateNode[] states, int startIndex)
{
    public StateNode[] States { get; } = states;

    public int StartIndex { get; } = startIndex;
}
