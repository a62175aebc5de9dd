namespace SageBuild.StateMachines.Builders;

/// <summary>The documented defaults of <see cref="RetrierOptions"/>, equal to AWS's own.</summary>
internal static class RetrierDefaults
{
    public const int IntervalSeconds = 1;
    public const int MaxAttempts = 3;
    public const double BackoffRate = 2.0;
    public const int MaxIntervalSeconds = 99_999_999;
    public const int MaxMaxAttempts = 99_999_999;
    public const int MaxDelaySecondsLimit = 31_622_400;
}
