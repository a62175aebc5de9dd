namespace SageBuild.Functions.Aws;

/// <summary>What starting a named build did.</summary>
/// <param name="ExecutionArn">The execution that runs (or ran) the build.</param>
/// <param name="Name">The execution's name.</param>
/// <param name="IsNew">False when an execution of that name already existed: the same trigger delivered again.</param>
public sealed record BuildStart(string ExecutionArn, string Name, bool IsNew);
