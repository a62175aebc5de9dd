using System.ComponentModel;
using System.Diagnostics;
using System.Text.Json;
using SageBuild.Local.Parameters;
using SageBuild.StateMachines.Json;
using Spectre.Console;
using Spectre.Console.Cli;

namespace SageBuild.Cli.Commands.Params;

[Description("Edit a parameter in $VISUAL or $EDITOR; a JSON value must still be JSON. Saving writes a new version.")]
public sealed class ParamsEditCommand(IAnsiConsole console) : Command<ParamsEditCommand.Settings>
{
    public sealed class Settings : ParamsSettings
    {
        [CommandArgument(0, "<name>")]
        [Description("The parameter's name.")]
        public string Name { get; init; } = "";
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var store = settings.OpenStore();
        ParameterVersion current;
        try
        {
            current = store.Get(settings.Name);
        }
        catch (ParameterStoreException e)
        {
            return ParameterOutput.Error(console, $"{e.Message} Create it first with 'sagebuild params set'.");
        }

        var wasJson = IsJson(current.Value, out _);
        // The temp file may hold a secret: only its owner can read it, and it is deleted whatever happens.
        var path = Path.Combine(Path.GetTempPath(), $"sagebuild-param-{Guid.NewGuid():N}{(wasJson ? ".json" : ".txt")}");
        try
        {
            File.WriteAllText(path, "");
            if (!OperatingSystem.IsWindows())
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            File.WriteAllText(path, current.Value);

            var exitCode = RunEditor(path);
            if (exitCode != 0)
                return ParameterOutput.Error(console, $"the editor exited with code {exitCode}; nothing was written");

            var edited = File.ReadAllText(path);
            // Editors add a final newline; drop it when the value had none, so an untouched file is no change.
            if (!current.Value.EndsWith('\n') && edited.EndsWith('\n'))
                edited = edited.EndsWith("\r\n", StringComparison.Ordinal) ? edited[..^2] : edited[..^1];
            if (edited == current.Value)
            {
                console.MarkupLineInterpolated($"no change: {current.Name} stays at version {current.Version}");
                return 0;
            }

            if (wasJson && !IsJson(edited, out var problem))
                return ParameterOutput.Error(console, $"{current.Name} held JSON and the edited value is not JSON ({problem}); nothing was written");

            var written = store.Put(current.Name, edited, current.Type, overwrite: true);
            console.MarkupLineInterpolated($"wrote [green]{written.Name}[/] version {written.Version} ({written.Type})");
            return 0;
        }
        catch (ParameterStoreException e)
        {
            return ParameterOutput.Error(console, e.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static int RunEditor(string path)
    {
        var editor = Environment.GetEnvironmentVariable("VISUAL") is { Length: > 0 } visual ? visual
            : Environment.GetEnvironmentVariable("EDITOR") is { Length: > 0 } e ? e : "vi";
        // Through the shell, so that an editor given with arguments ("code --wait") works as it does for git.
        var start = new ProcessStartInfo("/bin/sh") { UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(editor + " \"$1\"");
        start.ArgumentList.Add("sagebuild-edit");
        start.ArgumentList.Add(path);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start the editor '{editor}'");
        process.WaitForExit();
        return process.ExitCode;
    }

    private static bool IsJson(string text, out string? problem)
    {
        try
        {
            JsonValue.Parse(text);
            problem = null;
            return true;
        }
        catch (JsonException e)
        {
            problem = e.Message;
            return false;
        }
    }
}
