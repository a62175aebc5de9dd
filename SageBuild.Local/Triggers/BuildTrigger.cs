using SageBuild.Local.Scheduling;

namespace SageBuild.Local.Triggers;

/// <summary>A request to build, and what it is about.</summary>
/// <param name="Source">What asked for the build (for a coalesced request, the latest asker).</param>
/// <param name="At">When it was asked for (for a coalesced request, the latest time).</param>
/// <param name="CommitId">The commit to build, when known; a coalesced request keeps the newest.</param>
/// <param name="ChangedFiles">Data files that changed, relative to the watched folder; a coalesced request has them all.</param>
/// <param name="Detail">A line for people: the branch, the schedule expression, ...</param>
/// <param name="CoalescedCount">How many requests this one stands for (1 when it was not coalesced).</param>
public sealed record BuildTrigger(TriggerSource Source, DateTimeOffset At, string? CommitId = null, IReadOnlyList<string>? ChangedFiles = null, string? Detail = null, int CoalescedCount = 1)
{
    /// <summary>The files, never null.</summary>
    public IReadOnlyList<string> Files => ChangedFiles ?? [];

    /// <summary>A request from an occurrence of <paramref name="expression"/>.</summary>
    public static BuildTrigger Scheduled(ScheduleExpression expression, DateTimeOffset occurrence)
    {
        ArgumentNullException.ThrowIfNull(expression);
        return new(TriggerSource.Schedule, occurrence, Detail: expression.Text);
    }

    /// <summary>
    /// This pending request with <paramref name="newer"/> folded in: the newer commit wins (a build of the branch's
    /// newest commit includes the older ones), files accumulate, and nothing is lost from either.
    /// </summary>
    public BuildTrigger CoalesceWith(BuildTrigger newer)
    {
        ArgumentNullException.ThrowIfNull(newer);
        return new BuildTrigger(
            newer.Source,
            newer.At > At ? newer.At : At,
            newer.CommitId ?? CommitId,
            Files.Concat(newer.Files).Distinct(StringComparer.Ordinal).ToArray(),
            newer.Detail ?? Detail,
            CoalescedCount + newer.CoalescedCount);
    }
}
