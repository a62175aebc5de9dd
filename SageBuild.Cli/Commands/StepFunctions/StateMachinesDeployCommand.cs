using System.ComponentModel;
using System.Text.Json;
using SageBuild.Engine.Api.Client;
using SageBuild.Engine.Api.Model;
using Spectre.Console;
using Spectre.Console.Cli;

namespace SageBuild.Cli.Commands.StepFunctions;

[Description("Create a state machine from a definition file, or update the one of that name.")]
public sealed class StateMachinesDeployCommand(IAnsiConsole console) : StepFunctionsCommand<StateMachinesDeployCommand.Settings>(console)
{
    public sealed class Settings : StepFunctionsSettings
    {
        [CommandArgument(0, "<DEFINITION_FILE>")]
        [Description("The ASL definition (JSON).")]
        public string DefinitionPath { get; init; } = "";

        [CommandOption("--name <NAME>")]
        [Description("The state machine's name. Default: the file's name without its extensions.")]
        public string? Name { get; init; }

        [CommandOption("--role-arn <ARN>")]
        [Description("The IAM role the state machine runs as; needed to create one, kept when omitted on update.")]
        public string? RoleArn { get; init; }

        [CommandOption("--type <TYPE>")]
        [Description("STANDARD or EXPRESS, for a new state machine. Default: STANDARD.")]
        public string? Type { get; init; }

        public override ValidationResult Validate() =>
            !File.Exists(DefinitionPath) ? ValidationResult.Error($"no definition file at '{DefinitionPath}'")
            : Type is not null && !StateMachineType.FromValue(Type.ToUpperInvariant()).IsKnown ? ValidationResult.Error($"--type: '{Type}' is not STANDARD or EXPRESS")
            : base.Validate();

        internal string StateMachineName => Name ?? Path.GetFileName(DefinitionPath).Split('.')[0];
    }

    protected override async Task<int> RunAsync(StepFunctionsClient client, Settings settings, CancellationToken cancellationToken)
    {
        var definition = await File.ReadAllTextAsync(settings.DefinitionPath, cancellationToken);
        var name = settings.StateMachineName;
        var existing = await client.ListAllStateMachinesAsync(cancellationToken: cancellationToken).FirstOrDefaultAsync(m => m.Name == name, cancellationToken);
        string action, arn;
        if (existing is not null)
        {
            await client.UpdateStateMachineAsync(new UpdateStateMachineInput
            {
                StateMachineArn = existing.StateMachineArn,
                Definition = definition,
                RoleArn = settings.RoleArn,
            }, cancellationToken);
            (action, arn) = ("updated", existing.StateMachineArn);
        }
        else
        {
            if (settings.RoleArn is null)
            {
                Console.MarkupLineInterpolated($"[red]--role-arn is needed to create the state machine '{name}'[/]");
                return InputError;
            }
            var created = await client.CreateStateMachineAsync(new CreateStateMachineInput
            {
                Name = name,
                Definition = definition,
                RoleArn = settings.RoleArn,
                Type = settings.Type is null ? null : StateMachineType.FromValue(settings.Type.ToUpperInvariant()),
            }, cancellationToken);
            (action, arn) = ("created", created.StateMachineArn);
        }

        if (settings.Json)
            WriteDeployed(action, arn);
        else
            Console.MarkupLineInterpolated($"[green]{action}[/] {arn}");
        return 0;
    }

    private void WriteDeployed(string action, string arn)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteString("action", action);
            writer.WriteString("stateMachineArn", arn);
            writer.WriteEndObject();
        }
        Console.Profile.Out.Writer.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
    }
}
