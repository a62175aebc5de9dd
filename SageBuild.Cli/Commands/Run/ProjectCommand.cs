using SageBuild.Cli.Projects;
using Spectre.Console;

namespace SageBuild.Cli.Commands.Run;

/// <summary>What <c>run</c> and <c>rollback</c> do alike before and after their own work.</summary>
internal static class ProjectCommand
{
    /// <summary>Reads the project file; on problems prints them, prefixed with <paramref name="command"/>, and returns null.</summary>
    public static async Task<ProjectFile?> ReadAsync(string projectDirectory, string command)
    {
        try
        {
            return ProjectFileReader.Read(projectDirectory);
        }
        catch (ProjectFileException e)
        {
            await Console.Error.WriteLineAsync($"sagebuild {command}: {e.Message}");
            return null;
        }
    }

    /// <summary>A pipe or a file gets whole lines (a URL or a curl command cut in two cannot be pasted).</summary>
    public static void UseWholeLinesWhenPiped(IAnsiConsole console)
    {
        if (!console.Profile.Capabilities.Interactive)
            console.Profile.Width = 4096;
    }

    /// <summary>Keeps the endpoint served until Ctrl-C or SIGTERM, saying so unless the output is JSON.</summary>
    public static async Task ServeUntilStoppedAsync(IAnsiConsole console, long? build, string endpoint, bool json, CancellationToken stop)
    {
        if (!json)
            console.MarkupLineInterpolated($"Serving build {build} at [link]{endpoint}[/] until Ctrl-C.");
        await Task.Delay(Timeout.Infinite, stop).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }
}
