using StateMachineType = SageBuild.Engine.Api.Model.StateMachineType;
using SageBuild.StateMachines.Model;

namespace SageBuild.Engine.Api;

/// <summary>A state machine known to the engine.</summary>
/// <param name="StateMachineArn">Its ARN.</param>
/// <param name="Name">Its name.</param>
/// <param name="Definition">Its definition.</param>
/// <param name="RoleArn">The role its executions run as.</param>
/// <param name="CreationDate">When it was created.</param>
public sealed record StateMachineInfo(string StateMachineArn, string Name, StateMachineDefinition Definition, string RoleArn, DateTimeOffset CreationDate)
{
    /// <summary>STANDARD or EXPRESS: an EXPRESS machine's executions have <c>express:</c> ARNs and no redrive count.</summary>
    /// <value>Default: <see cref="StateMachineType.Standard"/>.</value>
    public StateMachineType Type { get; init; } = StateMachineType.Standard;
}
