using System.ComponentModel;
using SageBuild.Engine.Api;
using SageBuild.Engine.History;
using SageBuild.Engine.Mocks;
using SageBuild.Engine.Stores;
using SageBuild.StateMachines.Json;
using SageBuild.StateMachines.Validation;
using Spectre.Console;
using Spectre.Console.Cli;

namespace SageBuild.Cli.Commands;

/// <summary><c>sagebuild execute</c>: runs a definition to completion on the embedded engine and prints the outcome as JSON.</summary>
[Description("Run an ASL definition on the embedded engine and print {status, output, error, cause} as JSON.")]
public sealed class ExecuteCommand(IAnsiConsole console) : AsyncCommand<ExecuteCommand.Settings>
{
    /// <summary>Exit code for an invalid definition, input or mock configuration.</summary>
    public const int InvalidExitCode = 2;

    /// <summary>Exit code for an execution that ended other than SUCCEEDED.</summary>
    public const int NotSucceededExitCode = 1;

    /// <summary>The command's arguments and options.</summary>
    public sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "<definition>")]
        [Description("The ASL definition file (JSON).")]
        public string DefinitionPath { get; init; } = "";

        [CommandOption("--input <JSON>")]
        [Description("The execution input: JSON text, or @FILE to read it from a file. Default: {}.")]
        public string? Input { get; init; }

        [CommandOption("--name <NAME>")]
        [Description("The execution name. Default: a generated UUID.")]
        public string? Name { get; init; }

        [CommandOption("--clock <CLOCK>")]
        [Description("real (default) or virtual: on the virtual clock Waits and retry delays finish at once while timestamps advance.")]
        [DefaultValue("real")]
        public string Clock { get; init; } = "real";

        [CommandOption("--mock-config <FILE>")]
        [Description("A Step Functions Local mock configuration (MockConfigFile.json) that serves the Tasks.")]
        public string? MockConfig { get; init; }

        [CommandOption("--test-case <NAME>")]
        [Description("The test case of --mock-config to use.")]
        public string? TestCase { get; init; }

        [CommandOption("--history")]
        [Description("Also print the execution's history events, as GetExecutionHistory returns them.")]
        public bool History { get; init; }

        [CommandOption("--json")]
        [Description("Print compact JSON on one line instead of indented JSON.")]
        public bool Json { get; init; }

        /// <inheritdoc />
        public override ValidationResult Validate()
        {
            if (!File.Exists(DefinitionPath))
                return ValidationResult.Error($"no definition file at '{DefinitionPath}'");
            if (Clock is not ("real" or "virtual"))
                return ValidationResult.Error($"--clock is 'real' or 'virtual', not '{Clock}'");
            if ((MockConfig is null) != (TestCase is null))
                return ValidationResult.Error("--mock-config and --test-case go together");
            if (MockConfig is not null && !File.Exists(MockConfig))
                return ValidationResult.Error($"no mock configuration file at '{MockConfig}'");
            if (Input is ['@', .. var file] && !File.Exists(file))
                return ValidationResult.Error($"no input file at '{file}'");
            return ValidationResult.Success();
        }
    }

    /// <inheritdoc />
    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var text = await File.ReadAllTextAsync(settings.DefinitionPath, cancellationToken).ConfigureAwait(false);
        var errors = DefinitionValidator.Validate(text);
        if (errors.Count > 0)
            return Invalid(settings, errors.Select(e => (e.Pointer, e.Code, e.Message)));
        var definition = AslJson.Parse(text);

        JsonValue input;
        try
        {
            var inputText = settings.Input is ['@', .. var file] ? await File.ReadAllTextAsync(file, cancellationToken).ConfigureAwait(false) : settings.Input ?? "{}";
            input = JsonValue.Parse(inputText);
        }
        catch (System.Text.Json.JsonException e)
        {
            return Invalid(settings, [("", "InvalidExecutionInput", $"the input is not JSON: {e.Message}")]);
        }

        var builder = new EngineBuilder { Options = new EngineOptions { DefaultClock = settings.Clock == "virtual" ? ExecutionClock.Virtual : ExecutionClock.Real } };
        if (settings.MockConfig is not null)
        {
            try
            {
                builder.UseMockConfiguration(MockConfiguration.Parse(await File.ReadAllTextAsync(settings.MockConfig, cancellationToken).ConfigureAwait(false)));
            }
            catch (FormatException e)
            {
                return Invalid(settings, [("", "InvalidMockConfiguration", e.Message)]);
            }
        }

        await using var engine = builder.Build();
        var stateMachineName = Path.GetFileNameWithoutExtension(settings.DefinitionPath).Replace(".asl", "", StringComparison.Ordinal);
        ExecutionRecord result;
        try
        {
            result = await engine.ExecuteAsync(definition, input, new StartExecutionOptions { Name = settings.Name, MockTestCase = settings.TestCase }, SafeName(stateMachineName), cancellationToken).ConfigureAwait(false);
        }
        catch (StepFunctionsException e)
        {
            return Invalid(settings, [("", e.Code, e.Message)]);
        }
        catch (KeyNotFoundException e)
        {
            return Invalid(settings, [("", "InvalidMockConfiguration", e.Message)]);
        }

        var output = new JsonObjectBuilder(5)
            .Set("status", result.Status.ToString())
            .Set("output", result.Output ?? JsonNull.Instance)
            .Set("error", result.Error is null ? JsonNull.Instance : result.Error)
            .Set("cause", result.Cause is null ? JsonNull.Instance : result.Cause);
        if (settings.History)
            output.Set("history", HistoryJson.ToJson(await engine.GetExecutionHistoryAsync(result.ExecutionArn, cancellationToken).ConfigureAwait(false), isoTimestamps: true));
        Print(settings, output.Build());
        return result.Status == ExecutionStatus.SUCCEEDED ? 0 : NotSucceededExitCode;
    }

    private int Invalid(Settings settings, IEnumerable<(string Pointer, string Code, string Message)> errors)
    {
        var list = errors.Select(e => (JsonValue)JsonObject.Create(("pointer", e.Pointer), ("code", e.Code), ("message", e.Message))).ToArray();
        Print(settings, JsonObject.Create(("status", "INVALID"), ("errors", JsonArray.Wrap(list))));
        return InvalidExitCode;
    }

    private void Print(Settings settings, JsonValue value) => console.Profile.Out.Writer.WriteLine(value.ToJson(indented: !settings.Json));

    private static string SafeName(string name)
    {
        var chars = name.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' ? c : '-').ToArray();
        var safe = new string(chars);
        return safe.Length is > 0 and <= 80 ? safe : "StateMachine";
    }
}
