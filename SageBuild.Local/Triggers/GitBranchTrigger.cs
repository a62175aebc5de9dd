using System.Diagnostics;

namespace SageBuild.Local.Triggers;

/// <summary>
/// Watches a branch of a local git repository and asks for one build per new commit on it, carrying the commit id.
/// Commits that were already there when watching started build nothing.
/// </summary>
/// <remarks>
/// <para>
/// It uses the git command line rather than LibGit2Sharp: git is on every machine this runs on, it reads every
/// repository format the user's own git writes (worktrees, packed refs, newer index and object formats), and it brings
/// no native library. Reading one ref every few seconds costs a process start, which is negligible.
/// </para>
/// <para>
/// New commits are those on the branch's first-parent line after the last one seen, oldest first, so a merge asks
/// for one build (of the merge) rather than one per merged commit. When the branch was rewritten (the last commit
/// seen is no longer an ancestor), the new head alone is asked for. A missing branch asks for nothing.
/// </para>
/// </remarks>
public sealed class GitBranchTrigger : IDisposable
{
    private readonly GitBranchTriggerOptions _options;
    private readonly Action<BuildTrigger> _onTrigger;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _polling = new(1, 1);
    private ITimer? _timer;
    private string? _lastSeen;

    /// <summary>Creates a watcher; it asks for nothing until <see cref="StartAsync"/>.</summary>
    public GitBranchTrigger(GitBranchTriggerOptions options, Action<BuildTrigger> onTrigger, TimeProvider? timeProvider = null)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _onTrigger = onTrigger ?? throw new ArgumentNullException(nameof(onTrigger));
        _time = timeProvider ?? TimeProvider.System;
        if (string.IsNullOrWhiteSpace(options.Branch) || options.Branch.StartsWith('-'))
            throw new ArgumentException($"{nameof(GitBranchTriggerOptions)}.{nameof(GitBranchTriggerOptions.Branch)} '{options.Branch}' is not a branch name", nameof(options));
        if (!Directory.Exists(options.RepositoryPath))
            throw new ArgumentException($"{nameof(GitBranchTriggerOptions)}.{nameof(GitBranchTriggerOptions.RepositoryPath)}: no folder at '{options.RepositoryPath}'", nameof(options));
    }

    /// <summary>The last commit seen on the branch, or null before the first look (or while the branch does not exist).</summary>
    public string? LastSeenCommit => _lastSeen;

    /// <summary>Records the branch's current commit and starts polling every <see cref="GitBranchTriggerOptions.PollInterval"/>.</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        _lastSeen = await ReadHeadAsync(cancellationToken);
        _timer = _time.CreateTimer(_ => _ = PollFromTimerAsync(), null, _options.PollInterval, _options.PollInterval);
    }

    /// <summary>Reads the branch now and asks for a build of each new commit; returns how many were asked for.</summary>
    public async Task<int> PollAsync(CancellationToken cancellationToken = default)
    {
        await _polling.WaitAsync(cancellationToken);
        try
        {
            var head = await ReadHeadAsync(cancellationToken);
            if (head is null || head == _lastSeen)
                return 0;
            string[] commits = [head];
            if (_lastSeen is not null && await IsAncestorAsync(_lastSeen, head, cancellationToken))
                commits = (await GitAsync(cancellationToken, "rev-list", "--first-parent", "--reverse", $"{_lastSeen}..{head}")).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            _lastSeen = head;
            foreach (var commit in commits)
                _onTrigger(new BuildTrigger(TriggerSource.GitCommit, _time.GetUtcNow(), commit, Detail: $"branch {_options.Branch}"));
            return commits.Length;
        }
        finally
        {
            _polling.Release();
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _timer?.Dispose();
        _polling.Dispose();
    }

    private async Task PollFromTimerAsync()
    {
#pragma warning disable CA1031 // A failed look (a repository being rewritten, git busy) is retried at the next tick.
        try
        {
            await PollAsync();
        }
        catch (Exception)
        {
        }
#pragma warning restore CA1031
    }

    private async Task<string?> ReadHeadAsync(CancellationToken cancellationToken)
    {
        var (exitCode, output, _) = await RunGitAsync(cancellationToken, "rev-parse", "--verify", "--quiet", $"refs/heads/{_options.Branch}^{{commit}}");
        return exitCode == 0 ? output.Trim() : null;
    }

    private async Task<bool> IsAncestorAsync(string ancestor, string descendant, CancellationToken cancellationToken) =>
        (await RunGitAsync(cancellationToken, "merge-base", "--is-ancestor", ancestor, descendant)).ExitCode == 0;

    private async Task<string> GitAsync(CancellationToken cancellationToken, params string[] arguments)
    {
        var (exitCode, output, error) = await RunGitAsync(cancellationToken, arguments);
        return exitCode == 0 ? output : throw new InvalidOperationException($"git {string.Join(' ', arguments)} failed in '{_options.RepositoryPath}': {error.Trim()}");
    }

    private async Task<(int ExitCode, string Output, string Error)> RunGitAsync(CancellationToken cancellationToken, params string[] arguments)
    {
        var start = new ProcessStartInfo(_options.GitExecutable) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("-C");
        start.ArgumentList.Add(_options.RepositoryPath);
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        start.Environment["GIT_TERMINAL_PROMPT"] = "0";
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start '{_options.GitExecutable}'");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        return (process.ExitCode, await output, await error);
    }
}
