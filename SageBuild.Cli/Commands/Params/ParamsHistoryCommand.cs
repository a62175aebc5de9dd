using System.ComponentModel;
using System.Globalization;
using SageBuild.Local.Parameters;
using SageBuild.StateMachines.Json;
using Spectre.Console;
using Spectre.Console.Cli;

namespace SageBuild.Cli.Commands.Params;

[Description("List every version of a parameter, oldest first.")]
public sealed class ParamsHistoryCommand(IAnsiConsole console) : Command<ParamsHistoryCommand.Settings>
{
    public sealed class Settings : ParamsSettings
    {
        [CommandArgument(0, "<name>")]
        [Description("The parameter's name.")]
        public string Name { get; init; } = "";

        [CommandOption("--with-decryption")]
        [Description("Show SecureString values instead of ********.")]
        public bool WithDecryption { get; init; }

        [CommandOption("--json")]
        [Description("Print the versions as a JSON array.")]
        public bool Json { get; init; }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var store = settings.OpenStore();
        try
        {
            var history = store.GetHistory(ParameterStore.SplitSelector(settings.Name).Name);
            if (history.Count == 0)
                return ParameterOutput.Error(console, $"Parameter {settings.Name} not found.");
            if (settings.Json)
            {
                ParameterOutput.Raw(console, JsonArray.Create(history.Select(v => (JsonValue)ParameterOutput.ToJson(v, store, settings.WithDecryption))).ToJson(indented: true));
                return 0;
            }

            var table = new Table().AddColumns("Version", "Type", "Last modified (UTC)", "Labels", "Value");
            foreach (var version in history)
            {
                table.AddRow(
                    new Text(version.Version.ToString(CultureInfo.InvariantCulture)),
                    new Text(version.Type.ToString()),
                    new Text(version.LastModified.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)),
                    new Text(string.Join(", ", version.Labels)),
                    new Text(version.DisplayValue(settings.WithDecryption)));
            }

            console.Write(table);
            return 0;
        }
        catch (ParameterStoreException e)
        {
            return ParameterOutput.Error(console, e.Message);
        }
    }
}
