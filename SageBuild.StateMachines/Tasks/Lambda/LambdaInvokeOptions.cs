using SageBuild.StateMachines.Builders;

namespace SageBuild.StateMachines.Tasks.Lambda;

/// <summary>The options of a <see cref="LambdaInvoke"/> task.</summary>
public sealed record LambdaInvokeOptions : TaskStateOptions
{
    /// <summary>The function's name, name with alias, or ARN; a literal scopes the IAM grant to that function.</summary>
    public required Field<string> FunctionName { get; init; }

    /// <summary>The event passed to the function.</summary>
    /// <value>Null by default: the state's whole input.</value>
    public TaskInput? Payload { get; init; }

    /// <summary>How Lambda runs the function.</summary>
    /// <value>Null by default: RequestResponse.</value>
    public LambdaInvocationType? InvocationType { get; init; }

    /// <summary>A version or alias.</summary>
    /// <value>None by default: $LATEST, or the alias in <see cref="FunctionName"/>.</value>
    public string? Qualifier { get; init; }

    /// <summary>Whether to retry Lambda's own transient errors, as AWS recommends (<see cref="Retries.LambdaServiceErrors"/>).</summary>
    /// <value>Defaults to true.</value>
    public bool RetryOnServiceExceptions { get; init; } = true;
}
