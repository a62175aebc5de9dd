namespace SageBuild.Engine.Api;

/// <summary>How often an execution was redriven, and when last (null when never).</summary>
public sealed record RedriveInfo(int Count, DateTimeOffset? LastDate)
{
    /// <summary>An execution never redriven.</summary>
    public static RedriveInfo Never { get; } = new(0, null);
}
