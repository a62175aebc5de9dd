using System.ComponentModel;
using SageBuild.Functions.Configuration;
using SageBuild.Functions.Pipeline;
using SageBuild.StateMachines.Builders;
using SageBuild.StateMachines.Graph;
using SageBuild.StateMachines.Json;
using Spectre.Console;
using Spectre.Console.Cli;

namespace SageBuild.Cli.Commands.Pipeline;

/// <summary><c>sagebuild pipeline show [--config FILE] [--format asl|mermaid|dot]</c>: the pipeline's definition.</summary>
[Description("Print the SageBuild pipeline's definition: the ASL that is deployed and that the local engine runs, or its flow as a diagram.")]
internal sealed class PipelineShowCommand(IAnsiConsole console) : Command<PipelineShowCommand.Settings>
{
    /// <summary>The arguments of <c>pipeline show</c>.</summary>
    public sealed class Settings : CommandSettings
    {
        [CommandOption("-c|--config <FILE>")]
        [Description("A configuration document (JSON); its deploy-time shape (hooks, Lambda step replacements) shapes the definition.")]
        public string? Config { get; init; }

        [CommandOption("-f|--format <FORMAT>")]
        [Description("asl (the definition itself), mermaid or dot.")]
        [DefaultValue("asl")]
        public string Format { get; init; } = "asl";

        [CommandOption("--stack <NAME>")]
        [Description("The stack whose local resource names the definition uses.")]
        [DefaultValue("local")]
        public string Stack { get; init; } = "local";

        [CommandOption("--deployment <FILE>")]
        [Description("The deployment's resources (PipelineOptions as JSON, camelCase keys) instead of the local names of --stack: prints the definition that deployment runs.")]
        public string? Deployment { get; init; }

        /// <inheritdoc />
        public override ValidationResult Validate()
        {
            if (Format is not ("asl" or "mermaid" or "dot"))
                return ValidationResult.Error($"--format is asl, mermaid or dot, not '{Format}'");
            return Deployment is not null && Stack != "local"
                ? ValidationResult.Error("--deployment names every resource itself: leave --stack out")
                : ValidationResult.Success();
        }
    }

    /// <inheritdoc />
    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        PipelineConfiguration? shape = null;
        if (settings.Config is { } file)
        {
            if (!File.Exists(file))
            {
                Console.Error.WriteLine($"sagebuild pipeline show: no file at '{file}'");
                return ExitCodes.UsageError;
            }

            try
            {
                shape = ConfigurationReader.Read(File.ReadAllText(file));
            }
            catch (ConfigurationException e)
            {
                Console.Error.WriteLine($"sagebuild pipeline show: {file}: {e.Message}");
                return ExitCodes.Failure;
            }
        }

        var options = PipelineOptions.Local(settings.Stack);
        if (settings.Deployment is { } deployment)
        {
            if (!File.Exists(deployment))
            {
                Console.Error.WriteLine($"sagebuild pipeline show: no file at '{deployment}'");
                return ExitCodes.UsageError;
            }

            try
            {
                options = PipelineOptions.FromJson(JsonValue.Parse(File.ReadAllText(deployment)));
            }
            catch (Exception e) when (e is FormatException or System.Text.Json.JsonException)
            {
                Console.Error.WriteLine($"sagebuild pipeline show: {deployment}: {e.Message}");
                return ExitCodes.Failure;
            }
        }

        StateMachine machine;
        try
        {
            machine = PipelineDefinition.Create(options, shape);
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine($"sagebuild pipeline show: {e.Message}");
            return ExitCodes.Failure;
        }

        var text = settings.Format switch
        {
            "asl" => machine.ToAslJson() + Environment.NewLine,
            "dot" => DotRenderer.Render(FlowGraph.From(machine.Build())),
            _ => MermaidRenderer.Render(FlowGraph.From(machine.Build())),
        };
        console.WriteRaw(text);
        return ExitCodes.Success;
    }
}
