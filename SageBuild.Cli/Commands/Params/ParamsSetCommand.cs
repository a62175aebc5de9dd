using System.ComponentModel;
using SageBuild.Local.Parameters;
using Spectre.Console;
using Spectre.Console.Cli;

namespace SageBuild.Cli.Commands.Params;

[Description("Write a new version of a parameter (earlier versions are kept).")]
public sealed class ParamsSetCommand(IAnsiConsole console) : Command<ParamsSetCommand.Settings>
{
    public sealed class Settings : ParamsSettings
    {
        [CommandArgument(0, "<name>")]
        [Description("The parameter's name, such as /sagebuild/dev/config.")]
        public string Name { get; init; } = "";

        [CommandArgument(1, "[value]")]
        [Description("The value; or give --file.")]
        public string? Value { get; init; }

        [CommandOption("--file <PATH>")]
        [Description("Read the value from a file.")]
        public string? File { get; init; }

        [CommandOption("--type <TYPE>")]
        [Description("String, StringList or SecureString. Default: String for a new parameter, else its current type.")]
        public ParameterType? Type { get; init; }

        [CommandOption("--description <TEXT>")]
        [Description("A description kept with the version.")]
        public string? Description { get; init; }

        [CommandOption("--no-overwrite")]
        [Description("Fail if the parameter already exists, as SSM does without --overwrite.")]
        public bool NoOverwrite { get; init; }

        [CommandOption("--json")]
        [Description("Print {\"Version\": n} as JSON.")]
        public bool Json { get; init; }

        public override ValidationResult Validate() => (Value, File) switch
        {
            (null, null) => ValidationResult.Error("give the value as an argument or with --file"),
            (not null, not null) => ValidationResult.Error("give the value either as an argument or with --file, not both"),
            (null, { } path) when !System.IO.File.Exists(path) => ValidationResult.Error($"--file: no file at '{path}'"),
            _ => ValidationResult.Success(),
        };
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var value = settings.Value ?? File.ReadAllText(settings.File!);
        var store = settings.OpenStore();
        try
        {
            var type = settings.Type ?? (store.GetHistory(settings.Name).Count == 0 ? ParameterType.String : null);
            var version = store.Put(settings.Name, value, type, overwrite: !settings.NoOverwrite, settings.Description);
            if (settings.Json)
                ParameterOutput.Raw(console, $"{{\"Version\": {version.Version}}}");
            else
                console.MarkupLineInterpolated($"wrote [green]{version.Name}[/] version {version.Version} ({version.Type})");
            return 0;
        }
        catch (ParameterStoreException e)
        {
            return ParameterOutput.Error(console, e.Message);
        }
    }
}
