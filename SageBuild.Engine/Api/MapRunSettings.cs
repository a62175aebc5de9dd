namespace SageBuild.Engine.Api;

/// <summary>A Map Run's runtime settings, as DescribeMapRun shows them.</summary>
/// <param name="MaxConcurrency">The children that may run at once (0: no limit).</param>
/// <param name="ToleratedFailureCount">The unsuccessful children the Map Run tolerates.</param>
/// <param name="ToleratedFailurePercentage">The percentage of unsuccessful children the Map Run tolerates.</param>
public sealed record MapRunSettings(int MaxConcurrency, long ToleratedFailureCount, double ToleratedFailurePercentage);
