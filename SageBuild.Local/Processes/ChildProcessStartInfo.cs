namespace SageBuild.Local.Processes;

/// <summary>What to run: a shell command line, with extra arguments passed safely as <c>"$@"</c>.</summary>
/// <param name="Command">The command line, run by <c>/bin/sh -c</c>, so it may use variables, pipes and <c>cd</c>.</param>
/// <param name="WorkingDirectory">The directory it runs in.</param>
/// <param name="OnLine">Receives each line of standard output and standard error.</param>
internal sealed record ChildProcessStartInfo(string Command, string WorkingDirectory, Action<string> OnLine)
{
    /// <summary>Arguments appended to the command without any shell interpretation.</summary>
    public IReadOnlyList<string> Arguments { get; init; } = [];

    /// <summary>Variables added to (or, with a null value, removed from) the inherited environment.</summary>
    public IReadOnlyDictionary<string, string?> Environment { get; init; } = new Dictionary<string, string?>();
}
