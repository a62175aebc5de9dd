namespace SageBuild.Cli.Commands;

/// <summary>The exit codes every sagebuild command shares.</summary>
internal static class ExitCodes
{
    /// <summary>Everything went well.</summary>
    public const int Success = 0;

    /// <summary>The command ran and found a problem (an invalid definition, a failed execution).</summary>
    public const int Failure = 1;

    /// <summary>The command could not run: bad arguments, or input that cannot be read or is not JSON.</summary>
    public const int UsageError = 2;
}
