using System.ComponentModel;
using SageBuild.StateMachines.Json;
using Spectre.Console;
using Spectre.Console.Cli;

namespace SageBuild.Cli.Commands.Functions;

/// <summary><c>sagebuild functions list [--json]</c>: the pipeline's Lambda handlers.</summary>
[Description("List the pipeline's Lambda handlers: name, what it does, and its handler string for the dotnet10 runtime.")]
internal sealed class FunctionsListCommand(IAnsiConsole console) : Command<FunctionsListCommand.Settings>
{
    /// <summary>The arguments of <c>functions list</c>.</summary>
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--json")]
        [Description("One JSON object per handler, one per line.")]
        public bool Json { get; init; }
    }

    /// <inheritdoc />
    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        if (settings.Json)
        {
            console.WriteRaw(string.Concat(LocalFunction.All().Select(h => JsonObject.Create(("name", h.Name), ("description", h.Description), ("handler", h.HandlerString)).ToJson() + "\n")));
            return ExitCodes.Success;
        }

        var table = new Table().AddColumn("Name").AddColumn("What it does").AddColumn("Handler");
        foreach (var h in LocalFunction.All())
            table.AddRow(Markup.Escape(h.Name), Markup.Escape(h.Description), Markup.Escape(h.HandlerString));
        console.Write(table);
        return ExitCodes.Success;
    }
}
