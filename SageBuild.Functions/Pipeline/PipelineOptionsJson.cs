using SageBuild.StateMachines.Json;

namespace SageBuild.Functions.Pipeline;

/// <summary>
/// <see cref="PipelineOptions"/> as a JSON document with camelCase keys (<c>stateMachineName</c>, <c>ledgerTableName</c>,
/// ...): what <c>sagebuild pipeline show --deployment FILE</c> reads, so the definition of any deployment can be printed.
/// </summary>
internal static class PipelineOptionsJson
{
    private static readonly (string Key, Func<PipelineOptions, string?> Get, bool Required)[] Texts =
    [
        ("stack", o => o.Stack, true),
        ("branch", o => o.Branch, true),
        ("region", o => o.Region, true),
        ("stateMachineName", o => o.StateMachineName, true),
        ("namePrefix", o => o.NamePrefix, false),
        ("configParameterName", o => o.ConfigParameterName, true),
        ("ledgerTableName", o => o.LedgerTableName, true),
        ("statusTopicArn", o => o.StatusTopicArn, true),
        ("dataBucket", o => o.DataBucket, true),
        ("dataPrefix", o => o.DataPrefix, true),
        ("artifactsBucket", o => o.ArtifactsBucket, true),
        ("codeBucket", o => o.CodeBucket, true),
        ("checkpointsBucket", o => o.CheckpointsBucket, true),
        ("trainingRepositoryUri", o => o.TrainingRepositoryUri, true),
        ("inferenceRepositoryUri", o => o.InferenceRepositoryUri, true),
        ("imageBuildProjectName", o => o.ImageBuildProjectName, true),
        ("trainingRoleArn", o => o.TrainingRoleArn, true),
        ("hostingRoleArn", o => o.HostingRoleArn, true),
        ("endpointName", o => o.EndpointName, true),
        ("functionNamePrefix", o => o.FunctionNamePrefix, true),
    ];

    private const string OverridesKey = "configurationOverrides";

    public static JsonObject Write(PipelineOptions options)
    {
        var document = new JsonObjectBuilder();
        foreach (var (key, get, _) in Texts)
            document.SetIfNotNull(key, get(options) is { } value ? JsonString.From(value) : null);
        return document.Set(OverridesKey, options.ConfigurationOverrides).Build();
    }

    public static PipelineOptions Read(JsonValue document)
    {
        if (document is not JsonObject o)
            throw new FormatException("the deployment must be a JSON object of PipelineOptions (camelCase keys)");
        var problems = new List<string>();
        var known = Texts.Select(t => t.Key).Append(OverridesKey).ToHashSet(StringComparer.Ordinal);
        problems.AddRange(o.Select(p => p.Key).Where(k => !known.Contains(k)).Select(k => $"{k}: unknown key (keys: {string.Join(", ", known)})"));
        string? Text(string key, bool required)
        {
            if (!o.TryGetValue(key, out var value) || value.IsNull)
            {
                if (required)
                    problems.Add($"{key}: is required");
                return null;
            }

            if (value is JsonString { Value.Length: > 0 } s)
                return s.Value;
            problems.Add($"{key}: must be a non-empty string");
            return null;
        }

        var values = Texts.ToDictionary(t => t.Key, t => Text(t.Key, t.Required), StringComparer.Ordinal);
        var overrides = JsonObject.Empty;
        if (o.TryGetValue(OverridesKey, out var given) && !given.IsNull)
        {
            if (given is JsonObject givenObject)
                overrides = givenObject;
            else
                problems.Add($"{OverridesKey}: must be an object");
        }

        if (problems.Count > 0)
            throw new FormatException("the deployment has problems:" + string.Concat(problems.Select(p => Environment.NewLine + "  " + p)));
        return new PipelineOptions
        {
            Stack = values["stack"]!,
            Branch = values["branch"]!,
            Region = values["region"]!,
            StateMachineName = values["stateMachineName"]!,
            NamePrefix = values["namePrefix"],
            ConfigParameterName = values["configParameterName"]!,
            LedgerTableName = values["ledgerTableName"]!,
            StatusTopicArn = values["statusTopicArn"]!,
            DataBucket = values["dataBucket"]!,
            DataPrefix = values["dataPrefix"]!,
            ArtifactsBucket = values["artifactsBucket"]!,
            CodeBucket = values["codeBucket"]!,
            CheckpointsBucket = values["checkpointsBucket"]!,
            TrainingRepositoryUri = values["trainingRepositoryUri"]!,
            InferenceRepositoryUri = values["inferenceRepositoryUri"]!,
            ImageBuildProjectName = values["imageBuildProjectName"]!,
            TrainingRoleArn = values["trainingRoleArn"]!,
            HostingRoleArn = values["hostingRoleArn"]!,
            EndpointName = values["endpointName"]!,
            FunctionNamePrefix = values["functionNamePrefix"]!,
            ConfigurationOverrides = overrides,
        };
    }
}
