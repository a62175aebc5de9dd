namespace SageBuild.StateMachines.Graph;

/// <summary>What causes a transition.</summary>
public enum FlowEdgeKind
{
    /// <summary>From the Start node to the top-level StartAt.</summary>
    Start,

    /// <summary>A state's Next.</summary>
    Next,

    /// <summary>A Choice rule's Next.</summary>
    Choice,

    /// <summary>A Choice state's Default.</summary>
    Default,

    /// <summary>A Catch rule's Next.</summary>
    Catch,

    /// <summary>From a Parallel state into one branch's StartAt.</summary>
    Branch,

    /// <summary>From a Map state into its item processor's StartAt.</summary>
    Iteration,

    /// <summary>From a top-level End state to the End node.</summary>
    End,
}
