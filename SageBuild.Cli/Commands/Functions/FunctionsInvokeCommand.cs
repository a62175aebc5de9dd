using System.ComponentModel;
using System.Text;
using SageBuild.Engine.Api.Client;
using Spectre.Console;
using Spectre.Console.Cli;

namespace SageBuild.Cli.Commands.Functions;

/// <summary><c>sagebuild functions invoke NAME [--payload JSON|@FILE]</c>: runs one handler locally, as <c>sam local invoke</c> does.</summary>
[Description("Run one of the pipeline's Lambda handlers locally with an event and print its response (like `sam local invoke`).")]
internal sealed class FunctionsInvokeCommand(IAnsiConsole console) : AsyncCommand<FunctionsInvokeCommand.Settings>
{
    /// <summary>The arguments of <c>functions invoke</c>.</summary>
    public sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "<NAME>")]
        [Description("The handler, such as quality-gate or alexa (see `sagebuild functions list`).")]
        public string Name { get; init; } = "";

        [CommandOption("-p|--payload <JSON>")]
        [Description("The event: JSON text, or @FILE to read it from a file. Default: {}.")]
        public string? Payload { get; init; }

        [CommandOption("--endpoint <URL>")]
        [Description("For alexa: the Step Functions endpoint (a SageBuild server) whose executions it talks about. start-build and github-webhook read theirs from the environment, as in Lambda (AWS_ENDPOINT_URL_SFN, SAGEBUILD_STATE_MACHINE_ARN, AWS_REGION, credentials).")]
        public string? Endpoint { get; init; }

        [CommandOption("--state-machine <ARN>")]
        [Description("For alexa: the pipeline's state machine ARN.")]
        public string? StateMachine { get; init; }

        /// <inheritdoc />
        public override ValidationResult Validate() => (Endpoint is null) == (StateMachine is null)
            ? ValidationResult.Success()
            : ValidationResult.Error("--endpoint and --state-machine go together");
    }

    /// <inheritdoc />
    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        string payload;
        if (settings.Payload is { } given && given.StartsWith('@'))
        {
            if (!File.Exists(given[1..]))
            {
                Console.Error.WriteLine($"sagebuild functions invoke: no file at '{given[1..]}'");
                return ExitCodes.UsageError;
            }

            payload = await File.ReadAllTextAsync(given[1..], cancellationToken);
        }
        else
        {
            payload = settings.Payload ?? "{}";
        }

        using var client = settings.Endpoint is null ? null : new StepFunctionsClient(new StepFunctionsClientOptions { Endpoint = new Uri(settings.Endpoint) });
        var executions = client is null ? null : new StepFunctionsBuildExecutions(client, settings.StateMachine!);
        var handler = LocalFunction.All(executions).FirstOrDefault(h => h.Name == settings.Name);
        if (handler is null)
        {
            Console.Error.WriteLine($"sagebuild functions invoke: no function named '{settings.Name}' (functions: {string.Join(", ", LocalFunction.All().Select(h => h.Name))})");
            return ExitCodes.UsageError;
        }

        using var input = new MemoryStream(Encoding.UTF8.GetBytes(payload));
        try
        {
            using var output = await handler.InvokeAsync(input);
            using var reader = new StreamReader(output, Encoding.UTF8);
            var response = StateMachines.Json.JsonValue.Parse(await reader.ReadToEndAsync(cancellationToken));
            console.WriteRaw(response.ToJson(indented: true) + Environment.NewLine);
            return ExitCodes.Success;
        }
        catch (System.Text.Json.JsonException e)
        {
            Console.Error.WriteLine($"sagebuild functions invoke: the payload is not JSON: {e.Message}");
            return ExitCodes.UsageError;
        }
#pragma warning disable CA1031 // As Lambda does: the function's exception is its error, printed with its type.
        catch (Exception e)
#pragma warning restore CA1031
        {
            // Lambda reports an unhandled exception as {errorType, errorMessage}; so does this.
            console.WriteRaw(StateMachines.Json.JsonObject.Create(("errorType", e.GetType().Name), ("errorMessage", e.Message)).ToJson(indented: true) + Environment.NewLine);
            return ExitCodes.Failure;
        }
    }
}
