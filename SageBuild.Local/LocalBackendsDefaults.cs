namespace SageBuild.Local;

/// <summary>The defaults of <see cref="LocalBackendsOptions"/>, kept together.</summary>
internal static class LocalBackendsDefaults
{
    public const string Region = "us-east-1";
    public const string AccountId = "123456789012";
    public const string PythonCommand = "python3";

    // SageMaker waits 120 s between SIGTERM and SIGKILL; a local job on a laptop should stop faster.
    public static readonly TimeSpan StopGracePeriod = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan ContainerStartupTimeout = TimeSpan.FromSeconds(60);
    public static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(30);

    // Folders a source copy leaves out: version control, local state, and build outputs holding absolute paths.
    public static readonly IReadOnlyCollection<string> SourceExclusions =
        [".git", LocalBackendsInfo.DefaultDataDirectoryName, "bin", "obj", "__pycache__", "node_modules", ".venv"];
}
