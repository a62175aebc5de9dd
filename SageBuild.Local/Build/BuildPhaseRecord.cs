namespace SageBuild.Local.Build;

/// <summary>One phase of a build as CodeBuild reports it.</summary>
internal sealed class BuildPhaseRecord(string phaseType, DateTimeOffset startTime)
{
    public string PhaseType { get; } = phaseType;

    public DateTimeOffset StartTime { get; } = startTime;

    public DateTimeOffset? EndTime { get; set; }

    /// <summary>SUCCEEDED, FAILED, STOPPED, TIMED_OUT, or null while it runs.</summary>
    public string? PhaseStatus { get; set; }

    /// <summary>Why the phase failed: CodeBuild's status code (COMMAND_EXECUTION_ERROR, YAML_FILE_ERROR...) and message.</summary>
    public (string StatusCode, string Message)? Context { get; set; }
}
