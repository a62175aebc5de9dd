namespace SageBuild.StateMachines.Graph;

/// <summary>What a node stands for.</summary>
public enum FlowNodeKind
{
    /// <summary>Where the execution starts.</summary>
    Start,

    /// <summary>Where the execution ends successfully after an End state.</summary>
    End,

    /// <summary>A state of the definition.</summary>
    State,
}
