using SageBuild.StateMachines.Builders;

namespace SageBuild.StateMachines.Tasks;

/// <summary>The options of a <see cref="CallAwsService"/> task.</summary>
public sealed record CallAwsServiceOptions : TaskStateOptions
{
    /// <summary>The SDK service name in lower case, such as <c>sagemaker</c> or <c>s3</c>.</summary>
    public required string Service { get; init; }

    /// <summary>The API action in camelCase, such as <c>deleteModel</c>.</summary>
    public required string Action { get; init; }

    /// <summary>The request, with the API's own (PascalCase) field names.</summary>
    /// <value>Null by default: an empty request.</value>
    public TaskInput? Parameters { get; init; }

    /// <summary>The resources the call touches, the narrower the better; there is no default, so least privilege is a decision.</summary>
    public required IReadOnlyList<string> IamResources { get; init; }

    /// <summary>The IAM action, when it is not <c>{Service}:{Action}</c> with the action's first letter in upper case.</summary>
    /// <value>None by default.</value>
    public string? IamAction { get; init; }

    /// <summary>More actions the call needs on the same resources.</summary>
    /// <value>None by default.</value>
    public IReadOnlyList<string> AdditionalIamActions { get; init; } = [];
}
