using Spectre.Console.Cli;

namespace SageBuild.Cli;

/// <summary>Runs the command app and turns a user's mistake into a one-line message and exit code 2, never a stack trace.</summary>
public static class CliRunner
{
    /// <summary>The exit code for a command line that could not be parsed or checked.</summary>
    public const int UsageError = 2;

    /// <summary>Runs <paramref name="app"/> with <paramref name="args"/>, writing usage errors to <paramref name="error"/>.</summary>
    public static async Task<int> RunAsync(ICommandApp app, string[] args, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(error);
        try
        {
            return await app.RunAsync(args);
        }
        catch (CommandAppException e)
        {
            // Unknown commands and options, missing arguments and failed settings validation all land here.
            await error.WriteLineAsync($"sagebuild: {e.Message}");
            await error.WriteLineAsync("Run 'sagebuild --help' for the commands and 'sagebuild <command> --help' for their options.");
            return UsageError;
        }
    }
}
