using SageBuild.StateMachines.Iam;

namespace SageBuild.Infra.Pipeline;

/// <summary>One Lambda handler of the pipeline, deployed from the published SageBuild.Functions package.</summary>
public sealed record LambdaHandler
{
    /// <summary>The short name, such as <c>gate</c>; deployed as <see cref="PipelineResources.FunctionName"/>.</summary>
    public required string Name { get; init; }

    /// <summary>The managed .NET runtime's handler string: <c>Assembly::Namespace.Type::Method</c>.</summary>
    public required string Handler { get; init; }

    /// <summary>How the stack wires the handler.</summary>
    /// <value>Defaults to <see cref="LambdaRole.Step"/>.</value>
    public LambdaRole Role { get; init; } = LambdaRole.Step;

    /// <summary>What the handler does, for the function's description.</summary>
    public string Description { get; init; } = "";

    /// <summary>The memory size in MB.</summary>
    /// <value>Defaults to 512.</value>
    public int MemoryMegabytes { get; init; } = 512;

    /// <summary>The timeout.</summary>
    /// <value>Defaults to 30 seconds.</value>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>What the handler calls, least privilege (the stack adds its own log group and X-Ray).</summary>
    /// <value>Empty by default: a pure function.</value>
    public IReadOnlyList<PolicyStatement> Permissions { get; init; } = [];

    /// <summary>Environment variables beyond the ones every SageBuild function gets (see the README).</summary>
    /// <value>Empty by default.</value>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();
}
