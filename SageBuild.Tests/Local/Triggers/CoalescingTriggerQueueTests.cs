using SageBuild.Local.Scheduling;
using SageBuild.Local.Triggers;

namespace SageBuild.Tests.Local.Triggers;

public sealed class CoalescingTriggerQueueTests
{
    private static readonly DateTimeOffset T0 = DateTimeOffset.Parse("2024-05-15T12:00:00Z", CultureInfo.InvariantCulture);

    [Test]
    public async Task Triggers_during_a_build_coalesce_into_one_pending_build_of_the_newest_commit()
    {
        using var builds = new HeldBuilds();
        var queue = new CoalescingTriggerQueue(builds.RunAsync);

        queue.Submit(Commit("c1", 0));
        Assert.That((await builds.NextStartedAsync()).CommitId, Is.EqualTo("c1"));
        queue.Submit(Commit("c2", 1));
        queue.Submit(new BuildTrigger(TriggerSource.DataFolder, T0.AddMinutes(2), ChangedFiles: ["train.csv"]));
        queue.Submit(Commit("c3", 3));

        Assert.That(queue.Running!.CommitId, Is.EqualTo("c1"));
        Assert.That(queue.Pending!.CommitId, Is.EqualTo("c3"));
        Assert.That(queue.Pending.CoalescedCount, Is.EqualTo(3));
        Assert.That(queue.Pending.Files, Is.EqualTo(new[] { "train.csv" }), "the data change is kept in the coalesced build");

        builds.FinishOne();
        var second = await builds.NextStartedAsync();
        Assert.That(second.CommitId, Is.EqualTo("c3"));
        Assert.That(queue.Pending, Is.Null);
        builds.FinishOne();
        await queue.WhenIdleAsync().WaitAsync(TimeSpan.FromSeconds(30));

        Assert.That(builds.Started.Select(t => t.CommitId), Is.EqualTo(new[] { "c1", "c3" }));
        Assert.That(queue.Running, Is.Null);
        Assert.That(queue.StartedCount, Is.EqualTo(2));
    }

    [Test]
    public async Task A_trigger_arriving_while_the_pending_build_runs_is_kept_for_after_it()
    {
        using var builds = new HeldBuilds();
        var queue = new CoalescingTriggerQueue(builds.RunAsync);
        queue.Submit(Commit("c1", 0));
        await builds.NextStartedAsync();
        queue.Submit(Commit("c2", 1));
        builds.FinishOne();
        await builds.NextStartedAsync();

        queue.Submit(Commit("c3", 2));
        builds.FinishOne();
        Assert.That((await builds.NextStartedAsync()).CommitId, Is.EqualTo("c3"));
        builds.FinishOne();
        await queue.WhenIdleAsync().WaitAsync(TimeSpan.FromSeconds(30));

        Assert.That(builds.Started.Select(t => t.CommitId), Is.EqualTo(new[] { "c1", "c2", "c3" }));
    }

    [Test]
    public async Task A_build_that_throws_is_reported_and_the_pending_build_still_runs()
    {
        var failures = new List<string?>();
        var started = new List<string?>();
        var release = new TaskCompletionSource();
        var queue = new CoalescingTriggerQueue(async (trigger, _) =>
        {
            started.Add(trigger.CommitId);
            if (trigger.CommitId == "c1")
            {
                await release.Task;
                throw new InvalidOperationException("training failed");
            }
        }, (trigger, _) => failures.Add(trigger.CommitId));

        queue.Submit(Commit("c1", 0));
        queue.Submit(Commit("c2", 1));
        release.SetResult();
        await queue.WhenIdleAsync().WaitAsync(TimeSpan.FromSeconds(30));

        Assert.That(started, Is.EqualTo(new[] { "c1", "c2" }));
        Assert.That(failures, Is.EqualTo(new[] { "c1" }));
    }

    [Test]
    public void A_scheduled_trigger_names_its_expression() =>
        Assert.That(BuildTrigger.Scheduled(ScheduleExpression.Parse("cron(0 2 * * ? *)"), T0), Is.EqualTo(new BuildTrigger(TriggerSource.Schedule, T0, Detail: "cron(0 2 * * ? *)")));

    private static BuildTrigger Commit(string id, int minutes) => new(TriggerSource.GitCommit, T0.AddMinutes(minutes), id);
}
