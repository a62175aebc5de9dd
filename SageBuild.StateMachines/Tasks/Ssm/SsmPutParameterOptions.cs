using SageBuild.StateMachines.Builders;

namespace SageBuild.StateMachines.Tasks.Ssm;

/// <summary>The options of an <see cref="SsmPutParameter"/> task.</summary>
public sealed record SsmPutParameterOptions : TaskStateOptions
{
    /// <summary>The parameter's name or ARN; a literal scopes the IAM grant to it.</summary>
    public required Field<string> Name { get; init; }

    /// <summary>The value.</summary>
    public required Field<string> Value { get; init; }

    /// <summary>String, StringList or SecureString.</summary>
    /// <value>None by default: the existing parameter's type (required for a new one).</value>
    public string? Type { get; init; }

    /// <summary>Whether to replace an existing value.</summary>
    /// <value>None by default: AWS's default (false).</value>
    public bool? Overwrite { get; init; }

    /// <summary>A description.</summary>
    /// <value>None by default.</value>
    public string? Description { get; init; }
}
