namespace SageBuild.Functions.Aws;

/// <summary>What StartExecution answered.</summary>
/// <param name="ExecutionArn">The execution's ARN.</param>
/// <param name="StartDate">When it started.</param>
public sealed record StartedExecution(string ExecutionArn, DateTimeOffset StartDate);
