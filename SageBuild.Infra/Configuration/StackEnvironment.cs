using SageBuild.StateMachines.Json;

namespace SageBuild.Infra.Configuration;

/// <summary>
/// What Pulumi tells the compiler through its environment: <c>PULUMI_STACK</c>, <c>PULUMI_PROJECT</c> and
/// <c>PULUMI_CONFIG</c> (a JSON object of <c>"project:key": "value"</c>, every value a string; structured values
/// are JSON text). During plugin discovery none of them is set.
/// </summary>
public sealed record StackEnvironment
{
    /// <summary>The stack's name, or null during plugin discovery.</summary>
    public string? Stack { get; init; }

    /// <summary>The project's name, if given.</summary>
    public string? Project { get; init; }

    /// <summary>The config values by full key (<c>sagebuild:branch</c>).</summary>
    public IReadOnlyDictionary<string, string> Config { get; init; } = new Dictionary<string, string>();

    /// <summary>Reads the variables from <paramref name="variables"/> (such as <see cref="Environment.GetEnvironmentVariable(string)"/>).</summary>
    public static StackEnvironment Read(Func<string, string?> variables)
    {
        ArgumentNullException.ThrowIfNull(variables);
        var stack = Blank(variables("PULUMI_STACK"));
        var project = Blank(variables("PULUMI_PROJECT"));
        var configText = Blank(variables("PULUMI_CONFIG"));
        var config = new Dictionary<string, string>(StringComparer.Ordinal);
        if (configText is not null)
        {
            JsonValue parsed;
            try
            {
                parsed = JsonValue.Parse(configText);
            }
            catch (System.Text.Json.JsonException e)
            {
                throw new ConfigurationException($"PULUMI_CONFIG is not JSON: {e.Message}", e);
            }

            if (parsed is not JsonObject values)
                throw new ConfigurationException($"PULUMI_CONFIG must be a JSON object of \"project:key\": \"value\", not {parsed.Kind}");
            foreach (var (key, value) in values)
            {
                // Pulumi sends strings; a hand-written object may hold other JSON, which reads the same as its text.
                config[key] = value is JsonString s ? s.Value : value.ToJson();
            }
        }

        return new StackEnvironment { Stack = stack, Project = project, Config = config };
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
