namespace SageBuild.Functions.Aws;

/// <summary>One execution as ListExecutions lists it.</summary>
/// <param name="ExecutionArn">The execution's ARN.</param>
/// <param name="Name">Its name.</param>
/// <param name="Status">RUNNING, SUCCEEDED, FAILED, TIMED_OUT, ABORTED or PENDING_REDRIVE.</param>
/// <param name="StartDate">When it started.</param>
/// <param name="StopDate">When it ended, if it has.</param>
public sealed record ExecutionSummary(string ExecutionArn, string Name, string Status, DateTimeOffset StartDate, DateTimeOffset? StopDate);
