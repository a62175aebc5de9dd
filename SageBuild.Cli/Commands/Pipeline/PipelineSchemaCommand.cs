using System.ComponentModel;
using SageBuild.Functions.Configuration;
using Spectre.Console;
using Spectre.Console.Cli;

namespace SageBuild.Cli.Commands.Pipeline;

/// <summary><c>sagebuild pipeline schema</c>: the configuration document's JSON Schema.</summary>
[Description("Print the JSON Schema of the pipeline's configuration document (schemas/sagebuild-config.schema.json).")]
internal sealed class PipelineSchemaCommand(IAnsiConsole console) : Command<PipelineSchemaCommand.Settings>
{
    /// <summary>No arguments.</summary>
    public sealed class Settings : CommandSettings
    {
    }

    /// <inheritdoc />
    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        console.WriteRaw(ConfigurationSchema.ToText());
        return ExitCodes.Success;
    }
}
