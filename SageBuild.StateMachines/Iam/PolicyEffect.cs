namespace SageBuild.StateMachines.Iam;

/// <summary>Whether a statement allows or denies its actions.</summary>
public enum PolicyEffect
{
    /// <summary>Grants the actions.</summary>
    Allow,

    /// <summary>Refuses the actions, whatever else allows them.</summary>
    Deny,
}
