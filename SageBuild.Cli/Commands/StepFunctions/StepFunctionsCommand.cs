using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using SageBuild.Engine.Api;
using SageBuild.Engine.Api.Client;
using SageBuild.Engine.Api.Model;
using Spectre.Console;
using Spectre.Console.Cli;

namespace SageBuild.Cli.Commands.StepFunctions;

/// <summary>
/// What every executions and state-machines command shares: one <see cref="StepFunctionsClient"/> built from the settings,
/// AWS errors printed as <c>Code: message</c> with exit code 1, and JSON written unwrapped so scripts can parse it.
/// </summary>
public abstract class StepFunctionsCommand<TSettings>(IAnsiConsole console) : AsyncCommand<TSettings>
    where TSettings : StepFunctionsSettings
{
    private static readonly JsonSerializerOptions Indented = new(StepFunctionsJsonContext.Default.Options) { WriteIndented = true };

    /// <summary>Exit code when the service refused the call or could not be reached.</summary>
    protected const int ServiceError = 1;

    /// <summary>Exit code when the command's own input is unusable (a missing file, no region).</summary>
    protected const int InputError = 2;

    protected IAnsiConsole Console => console;

    public sealed override async Task<int> ExecuteAsync(CommandContext context, TSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        try
        {
            using var client = new StepFunctionsClient(settings.ClientOptions());
            return await RunAsync(client, settings, cancellationToken);
        }
        catch (StepFunctionsException e)
        {
            console.MarkupLineInterpolated($"[red]{e.Code}[/]: {e.Message}");
            return ServiceError;
        }
        catch (HttpRequestException e)
        {
            console.MarkupLineInterpolated($"[red]Cannot reach {settings.Endpoint ?? "AWS Step Functions"}[/]: {e.Message}");
            return ServiceError;
        }
        catch (InvalidOperationException e)
        {
            console.MarkupLineInterpolated($"[red]{e.Message}[/]");
            return InputError;
        }
    }

    /// <summary>Does the command's work with a ready client.</summary>
    protected abstract Task<int> RunAsync(StepFunctionsClient client, TSettings settings, CancellationToken cancellationToken);

    /// <summary>Writes <paramref name="value"/> as indented JSON, straight to the output so no line is wrapped.</summary>
    protected void WriteJson<T>(T value, JsonTypeInfo<T> generated)
    {
        ArgumentNullException.ThrowIfNull(generated);
        var json = JsonSerializer.Serialize(value, (JsonTypeInfo<T>)Indented.GetTypeInfo(typeof(T)));
        console.Profile.Out.Writer.WriteLine(json);
        console.Profile.Out.Writer.Flush();
    }

    /// <summary>A time as the tables show it: UTC, to the second.</summary>
    protected static string Time(DateTimeOffset? at) =>
        at is { } value ? value.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture) : "-";
}
