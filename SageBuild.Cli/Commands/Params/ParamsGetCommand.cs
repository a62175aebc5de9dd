using System.ComponentModel;
using SageBuild.Local.Parameters;
using Spectre.Console;
using Spectre.Console.Cli;

namespace SageBuild.Cli.Commands.Params;

[Description("Print a parameter's value (the latest version, or NAME:VERSION / NAME:LABEL).")]
public sealed class ParamsGetCommand(IAnsiConsole console) : Command<ParamsGetCommand.Settings>
{
    public sealed class Settings : ParamsSettings
    {
        [CommandArgument(0, "<name>")]
        [Description("The parameter's name, optionally with :VERSION or :LABEL.")]
        public string Name { get; init; } = "";

        [CommandOption("--with-decryption")]
        [Description("Show a SecureString's value instead of ********.")]
        public bool WithDecryption { get; init; }

        [CommandOption("--json")]
        [Description("Print the parameter as a JSON object.")]
        public bool Json { get; init; }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var store = settings.OpenStore();
        try
        {
            var version = store.Get(settings.Name);
            ParameterOutput.Raw(console, settings.Json
                ? ParameterOutput.ToJson(version, store, settings.WithDecryption).ToJson(indented: true)
                : version.DisplayValue(settings.WithDecryption));
            return 0;
        }
        catch (ParameterStoreException e)
        {
            return ParameterOutput.Error(console, e.Message);
        }
    }
}
