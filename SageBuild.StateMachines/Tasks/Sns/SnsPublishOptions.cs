using SageBuild.StateMachines.Builders;

namespace SageBuild.StateMachines.Tasks.Sns;

/// <summary>The options of an <see cref="SnsPublish"/> task.</summary>
public sealed record SnsPublishOptions : TaskStateOptions
{
    /// <summary>The topic's ARN; a literal scopes the IAM grant to that topic.</summary>
    public required Field<string> TopicArn { get; init; }

    /// <summary>The message: a string, or an object (Step Functions sends its JSON text).</summary>
    public required TaskInput Message { get; init; }

    /// <summary>The e-mail subject.</summary>
    /// <value>None by default.</value>
    public Field<string>? Subject { get; init; }

    /// <summary>"json" to send a different message per protocol.</summary>
    /// <value>None by default.</value>
    public string? MessageStructure { get; init; }
}
