namespace SageBuild.Tests.Infra;

/// <summary>A finished process: exit code, standard output and error, and how long it ran.</summary>
internal sealed record ProcessResult(int ExitCode, string Output, string Error, TimeSpan Elapsed);
