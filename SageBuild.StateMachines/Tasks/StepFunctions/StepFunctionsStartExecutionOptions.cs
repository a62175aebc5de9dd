using SageBuild.StateMachines.Builders;

namespace SageBuild.StateMachines.Tasks.StepFunctions;

/// <summary>The options of a <see cref="StepFunctionsStartExecution"/> task.</summary>
public sealed record StepFunctionsStartExecutionOptions : TaskStateOptions
{
    /// <summary>The child state machine's ARN; a literal scopes the IAM grant to that machine.</summary>
    public required Field<string> StateMachineArn { get; init; }

    /// <summary>The child execution's input.</summary>
    /// <value>Null by default: the state's whole input.</value>
    public TaskInput? Input { get; init; }

    /// <summary>The child execution's name.</summary>
    /// <value>None by default: a generated name.</value>
    public Field<string>? ExecutionName { get; init; }

    /// <summary>Whether to link the child to this execution in the console (AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID); the input must then be an object.</summary>
    /// <value>Defaults to false.</value>
    public bool AssociateWithParent { get; init; }
}
