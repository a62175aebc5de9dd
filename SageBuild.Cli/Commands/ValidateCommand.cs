using System.ComponentModel;
using SageBuild.StateMachines.Json;
using Spectre.Console;
using Spectre.Console.Cli;

namespace SageBuild.Cli.Commands;

/// <summary><c>sagebuild validate FILE... [--json]</c>: checks ASL definitions statically.</summary>
[Description("Check ASL definitions without running them; every problem names its JSON pointer.")]
internal sealed class ValidateCommand(IAnsiConsole console) : Command<ValidateCommand.Settings>
{
    /// <summary>The arguments of <c>validate</c>.</summary>
    public sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "<FILE>")]
        [Description("One or more ASL definition files (JSON).")]
        public string[] Files { get; init; } = [];

        [CommandOption("--json")]
        [Description("Print one JSON object per file (JSON lines): {\"file\", \"valid\", \"errors\": [[{\"path\", \"code\", \"message\"}]]}.")]
        [DefaultValue(false)]
        public bool Json { get; init; }
    }

    /// <inheritdoc />
    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var files = settings.Files.Select(DefinitionFile.Load).ToList();
        foreach (var file in files)
        {
            if (settings.Json)
                console.WriteRaw(ToJson(file).ToJson() + "\n");
            else
                WriteHuman(file);
        }

        if (!settings.Json && files.Count > 1)
        {
            var valid = files.Count(f => f.IsValid);
            console.MarkupLine($"[bold]{files.Count} files: {valid} valid, {files.Count - valid} not[/]");
        }

        return files.Any(f => f.IsUnusable) ? ExitCodes.UsageError
            : files.All(f => f.IsValid) ? ExitCodes.Success
            : ExitCodes.Failure;
    }

    private void WriteHuman(DefinitionFile file)
    {
        var name = Markup.Escape(file.Path);
        if (file.IsValid)
        {
            console.MarkupLine($"[green]✓[/] {name} is valid");
            return;
        }

        if (file.IsUnusable)
        {
            console.MarkupLine($"[red]✗[/] {name}: {Markup.Escape(file.Errors[0].Message)}");
            return;
        }

        console.MarkupLine($"[red]✗[/] {name} has {file.Errors.Count} problem{(file.Errors.Count == 1 ? "" : "s")}:");
        foreach (var error in file.Errors)
        {
            var pointer = error.Pointer.Length == 0 ? "/" : error.Pointer;
            console.MarkupLine($"  [yellow]{Markup.Escape(pointer)}[/]  {Markup.Escape(error.Message)} [grey]({Markup.Escape(error.Code)})[/]");
        }
    }

    private static JsonObject ToJson(DefinitionFile file) => new JsonObjectBuilder()
        .Set("file", file.Path)
        .Set("valid", file.IsValid)
        .Set("errors", JsonArray.Create(file.Errors.Select(e => (JsonValue)new JsonObjectBuilder()
            .Set("path", e.Pointer)
            .Set("code", e.Code)
            .Set("message", e.Message)
            .Build())))
        .Build();
}
