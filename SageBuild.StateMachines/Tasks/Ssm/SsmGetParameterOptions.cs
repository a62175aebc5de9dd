using SageBuild.StateMachines.Builders;

namespace SageBuild.StateMachines.Tasks.Ssm;

/// <summary>The options of an <see cref="SsmGetParameter"/> task.</summary>
public sealed record SsmGetParameterOptions : TaskStateOptions
{
    /// <summary>The parameter's name (such as <c>/sagebuild/dev/config</c>) or ARN; a literal scopes the IAM grant to it.</summary>
    public required Field<string> Name { get; init; }

    /// <summary>Whether to decrypt a SecureString.</summary>
    /// <value>None by default: not decrypted.</value>
    public bool? WithDecryption { get; init; }
}
