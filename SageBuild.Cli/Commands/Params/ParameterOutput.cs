using SageBuild.Local.Parameters;
using SageBuild.StateMachines.Json;
using Spectre.Console;

namespace SageBuild.Cli.Commands.Params;

/// <summary>How the <c>params</c> commands print: raw values and JSON go straight to the output, unwrapped, for scripts.</summary>
internal static class ParameterOutput
{
    public static JsonObject ToJson(ParameterVersion version, ParameterStore store, bool withDecryption) => new JsonObjectBuilder()
        .Set("Name", version.Name)
        .Set("Type", version.Type.ToString())
        .Set("Value", version.DisplayValue(withDecryption))
        .Set("Version", version.Version)
        .Set("LastModifiedDate", version.LastModified.ToString("O", System.Globalization.CultureInfo.InvariantCulture))
        .Set("ARN", store.Arn(version.Name))
        .Set("Labels", JsonArray.Create(version.Labels.Select(JsonValue.FromString)))
        .SetIfNotNull("Description", version.Description is null ? null : JsonValue.FromString(version.Description))
        .Build();

    public static void Raw(IAnsiConsole console, string text) => console.Profile.Out.Writer.WriteLine(text);

    public static int Error(IAnsiConsole console, string message)
    {
        console.MarkupLineInterpolated($"[red]error:[/] {message}");
        return 1;
    }
}
