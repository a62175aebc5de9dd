using System.ComponentModel.DataAnnotations;

namespace SageBuild.Engine.Api;

/// <summary>Settings of the whole engine; checked once by <see cref="EngineBuilder.Build"/>.</summary>
public sealed record EngineOptions
{
    /// <summary>The region in ARNs and TaskScheduled events.</summary>
    /// <value>Default: <c>us-east-1</c>.</value>
    [Required, RegularExpression("^[a-z]{2}(-[a-z]+)+-[0-9]+$")]
    public string Region { get; init; } = EngineDefaults.Region;

    /// <summary>The 12-digit account id in ARNs.</summary>
    /// <value>Default: <c>123456789012</c>.</value>
    [Required, RegularExpression("^[0-9]{12}$")]
    public string AccountId { get; init; } = EngineDefaults.AccountId;

    /// <summary>The clock of executions that do not choose one.</summary>
    /// <value>Default: <see cref="ExecutionClock.Real"/>.</value>
    public ExecutionClock DefaultClock { get; init; } = ExecutionClock.Real;

    /// <summary>
    /// How many STANDARD executions may be open (RUNNING) at once; a start beyond it is refused with
    /// ExecutionLimitExceeded, as AWS does past its account quota. Express executions do not count.
    /// </summary>
    /// <value>Default: 1,000,000 (AWS's default quota of open executions).</value>
    [Range(1, int.MaxValue)]
    public int MaxOpenExecutions { get; init; } = EngineDefaults.MaxOpenExecutions;
}
