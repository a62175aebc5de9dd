using System.ComponentModel;
using SageBuild.StateMachines.Graph;
using Spectre.Console;
using Spectre.Console.Cli;

namespace SageBuild.Cli.Commands;

/// <summary><c>sagebuild graph FILE [--format mermaid|dot]</c>: prints a definition's flow as a diagram.</summary>
[Description("Print the flow of an ASL definition as a Mermaid flowchart or a Graphviz DOT graph.")]
internal sealed class GraphCommand(IAnsiConsole console) : Command<GraphCommand.Settings>
{
    /// <summary>The arguments of <c>graph</c>.</summary>
    public sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "<FILE>")]
        [Description("The ASL definition file (JSON).")]
        public string File { get; init; } = "";

        [CommandOption("-f|--format <FORMAT>")]
        [Description("mermaid (a flowchart for Markdown and GitHub) or dot (for Graphviz).")]
        [DefaultValue("mermaid")]
        public string Format { get; init; } = "mermaid";

        /// <inheritdoc />
        public override ValidationResult Validate() => Format is "mermaid" or "dot"
            ? ValidationResult.Success()
            : ValidationResult.Error($"--format is mermaid or dot, not '{Format}'");
    }

    /// <inheritdoc />
    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var file = DefinitionFile.Load(settings.File);
        if (file.IsUnusable)
        {
            Console.Error.WriteLine($"sagebuild graph: {settings.File}: {file.Errors[0].Message}");
            return ExitCodes.UsageError;
        }

        if (file.Read is not { IsWellFormed: true, Definition: { } definition })
        {
            Console.Error.WriteLine($"sagebuild graph: {settings.File} is not a readable ASL definition:");
            foreach (var error in file.Errors)
                Console.Error.WriteLine($"  {error}");
            return ExitCodes.Failure;
        }

        // A definition with graph problems can still be drawn, and the drawing often shows the problem.
        if (file.Errors.Count > 0)
            Console.Error.WriteLine($"sagebuild graph: note: {settings.File} has {file.Errors.Count} problem(s); `sagebuild validate {settings.File}` lists them");
        var graph = FlowGraph.From(definition);
        console.WriteRaw(settings.Format == "dot" ? DotRenderer.Render(graph) : MermaidRenderer.Render(graph));
        return ExitCodes.Success;
    }
}
