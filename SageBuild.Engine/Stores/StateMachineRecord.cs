namespace SageBuild.Engine.Stores;

/// <summary>A state machine as a store keeps it: enough to register it again when the engine starts.</summary>
/// <param name="StateMachineArn">Its ARN.</param>
/// <param name="Name">Its name.</param>
/// <param name="Definition">Its ASL text.</param>
/// <param name="RoleArn">The role its executions run as.</param>
/// <param name="Type">STANDARD or EXPRESS, as the API spells it.</param>
/// <param name="CreationDate">When it was created.</param>
public sealed record StateMachineRecord(string StateMachineArn, string Name, string Definition, string RoleArn, string Type, DateTimeOffset CreationDate)
{
    /// <summary>The API's attributes last given to <see cref="IStateMachineStore.SaveAttributes"/>; null when none were.</summary>
    public string? Attributes { get; init; }
}
