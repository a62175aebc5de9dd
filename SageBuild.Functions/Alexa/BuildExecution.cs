namespace SageBuild.Functions.Alexa;

/// <summary>One execution of the pipeline, as the Alexa skill talks about it.</summary>
/// <param name="ExecutionArn">The execution's ARN.</param>
/// <param name="Name">The execution's name.</param>
/// <param name="Status">RUNNING, SUCCEEDED, FAILED, TIMED_OUT or ABORTED.</param>
/// <param name="StartedAt">When it started.</param>
/// <param name="StoppedAt">When it ended, if it has.</param>
public sealed record BuildExecution(string ExecutionArn, string Name, string Status, DateTimeOffset StartedAt, DateTimeOffset? StoppedAt);
