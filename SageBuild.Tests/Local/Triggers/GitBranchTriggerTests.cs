using System.Diagnostics;
using SageBuild.Local.Triggers;

namespace SageBuild.Tests.Local.Triggers;

/// <summary>The git trigger on a real repository in a temp folder, with real commits made by the git CLI.</summary>
public sealed class GitBranchTriggerTests
{
    private string _repo = "";

    [SetUp]
    public void CreateRepository()
    {
        _repo = Directory.CreateTempSubdirectory("sagebuild-git-").FullName;
        Git("init", "--quiet", "--initial-branch=dev");
        Git("config", "user.email", "ci@sagebuild.local");
        Git("config", "user.name", "SageBuild CI");
        Git("config", "commit.gpgsign", "false");
        Commit("initial");
    }

    [TearDown]
    public void DeleteRepository() => Directory.Delete(_repo, recursive: true);

    [Test]
    public async Task Each_new_commit_starts_exactly_one_build_of_that_commit()
    {
        using var builds = new HeldBuilds();
        var queue = new CoalescingTriggerQueue(builds.RunAsync);
        using var trigger = new GitBranchTrigger(new GitBranchTriggerOptions { RepositoryPath = _repo, Branch = "dev", PollInterval = TimeSpan.FromHours(1) }, queue.Submit);
        await trigger.StartAsync();
        Assert.That(await trigger.PollAsync(), Is.Zero, "the commit that was there before watching builds nothing");

        var first = Commit("add model");
        Assert.That(await trigger.PollAsync(), Is.EqualTo(1));
        Assert.That((await builds.NextStartedAsync()).CommitId, Is.EqualTo(first));
        builds.FinishOne();
        await queue.WhenIdleAsync().WaitAsync(TimeSpan.FromSeconds(30));

        var second = Commit("tune learning rate");
        await trigger.PollAsync();
        Assert.That((await builds.NextStartedAsync()).CommitId, Is.EqualTo(second));
        builds.FinishOne();
        await queue.WhenIdleAsync().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.That(await trigger.PollAsync(), Is.Zero, "no new commit, no build");

        Assert.That(builds.Started.Select(t => t.CommitId), Is.EqualTo(new[] { first, second }));
        Assert.That(builds.Started.All(t => t.Source == TriggerSource.GitCommit && t.Detail == "branch dev"));
    }

    [Test]
    public async Task A_burst_of_commits_during_a_build_coalesces_into_one_pending_build_of_the_newest()
    {
        using var builds = new HeldBuilds();
        var queue = new CoalescingTriggerQueue(builds.RunAsync);
        using var trigger = new GitBranchTrigger(new GitBranchTriggerOptions { RepositoryPath = _repo, Branch = "dev", PollInterval = TimeSpan.FromHours(1) }, queue.Submit);
        await trigger.StartAsync();
        var first = Commit("c1");
        await trigger.PollAsync();
        await builds.NextStartedAsync();

        var burst = new List<string>();
        for (var i = 2; i <= 5; i++)
        {
            burst.Add(Commit($"c{i}"));
            if (i % 2 == 0)
                await trigger.PollAsync();   // some commits land between two looks, some within one
        }

        await trigger.PollAsync();
        Assert.That(queue.Pending!.CommitId, Is.EqualTo(burst[^1]));
        Assert.That(queue.Pending.CoalescedCount, Is.EqualTo(4), "every commit of the burst was asked for, none dropped");
        builds.FinishOne();
        Assert.That((await builds.NextStartedAsync()).CommitId, Is.EqualTo(burst[^1]));
        builds.FinishOne();
        await queue.WhenIdleAsync().WaitAsync(TimeSpan.FromSeconds(30));

        Assert.That(builds.Started.Select(t => t.CommitId), Is.EqualTo(new[] { first, burst[^1] }));
    }

    [Test]
    public async Task Commits_on_other_branches_start_nothing_and_a_rewritten_branch_builds_its_new_head()
    {
        var asked = new List<BuildTrigger>();
        using var trigger = new GitBranchTrigger(new GitBranchTriggerOptions { RepositoryPath = _repo, Branch = "dev", PollInterval = TimeSpan.FromHours(1) }, asked.Add);
        await trigger.StartAsync();
        Git("checkout", "--quiet", "-b", "feature");
        Commit("on feature");
        Assert.That(await trigger.PollAsync(), Is.Zero);

        Git("checkout", "--quiet", "dev");
        Commit("will be rewritten");
        await trigger.PollAsync();
        Git("reset", "--quiet", "--hard", "HEAD~1");
        var rewritten = Commit("rewritten");
        Assert.That(await trigger.PollAsync(), Is.EqualTo(1));

        Assert.That(asked[^1].CommitId, Is.EqualTo(rewritten));
    }

    [Test]
    public void A_repository_folder_that_does_not_exist_is_refused_naming_the_option()
    {
        var error = Assert.Throws<ArgumentException>(() => new GitBranchTrigger(new GitBranchTriggerOptions { RepositoryPath = "/no/such/repo", Branch = "dev" }, _ => { }));
        Assert.That(error!.Message, Does.Contain("GitBranchTriggerOptions.RepositoryPath: no folder at '/no/such/repo'"));
    }

    private string Commit(string message)
    {
        File.AppendAllText(Path.Combine(_repo, "model.txt"), message + "\n");
        Git("add", "model.txt");
        Git("commit", "--quiet", "-m", message);
        return Git("rev-parse", "HEAD").Trim();
    }

    private string Git(params string[] arguments)
    {
        var start = new ProcessStartInfo("git") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = _repo };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("git is not installed; the git trigger tests need it");
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.That(process.ExitCode, Is.Zero, $"git {string.Join(' ', arguments)}: {error}");
        return output;
    }
}
