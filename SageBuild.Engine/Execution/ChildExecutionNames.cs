namespace SageBuild.Engine.Execution;

/// <summary>
/// The names every child execution of one distributed Map shares, built once per Map run rather than per child:
/// the Map Run's state machine (<c>machine/label</c>) and the prefix of its executions' ARNs.
/// </summary>
internal sealed class ChildExecutionNames
{
    public ChildExecutionNames(RunSettings settings, string label)
    {
        StateMachineName = $"{settings.StateMachineName}/{label}";
        StateMachineArn = $"arn:aws:states:{settings.Region}:{settings.AccountId}:stateMachine:{StateMachineName}";
        ExecutionArnPrefix = $"arn:aws:states:{settings.Region}:{settings.AccountId}:execution:{StateMachineName}:";
    }

    public string StateMachineName { get; }

    public string StateMachineArn { get; }

    public string ExecutionArnPrefix { get; }
}
