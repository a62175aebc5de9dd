using Spectre.Console;

namespace SageBuild.Cli.Commands;

/// <summary>Output helpers for commands.</summary>
internal static class ConsoleExtensions
{
    /// <summary>
    /// Writes text exactly as given, for machine-readable output (JSON lines, diagrams): Spectre's own
    /// writers wrap long lines at the console width, which would break a JSON object in two.
    /// </summary>
    public static void WriteRaw(this IAnsiConsole console, string text)
    {
        console.Profile.Out.Writer.Write(text);
        console.Profile.Out.Writer.Flush();
    }
}
