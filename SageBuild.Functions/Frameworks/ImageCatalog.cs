using SageBuild.Functions.Configuration;
using SageBuild.StateMachines.Json;

namespace SageBuild.Functions.Frameworks;

/// <summary>
/// The image URIs of SageMaker's built-in algorithms and script-mode frameworks, from a data table (embedded
/// <c>Frameworks/Data/images.json</c>) that lists the registry account of every commercial region and the current
/// versions. An unknown region, algorithm, framework or version is an <see cref="ImageNotFoundException"/> that lists
/// what exists.
/// </summary>
public static class ImageCatalog
{
    private static readonly Lazy<JsonObject> Table = new(Load);

    /// <summary>The commercial regions the table covers.</summary>
    public static IReadOnlyList<string> Regions => [.. JsonArrayOf(Table.Value, "commercialRegions").OfType<JsonString>().Select(s => s.Value)];

    /// <summary>The built-in algorithms.</summary>
    public static IReadOnlyList<string> Algorithms => [.. ((JsonObject)Table.Value["algorithms"]).Keys];

    /// <summary>The URI of a built-in algorithm's image, such as <c>382416733822.dkr.ecr.us-east-1.amazonaws.com/kmeans:1</c>.</summary>
    /// <param name="region">The region.</param>
    /// <param name="algorithm">The algorithm, such as <c>kmeans</c> or <c>xgboost</c>.</param>
    /// <param name="version">The version; null for the newest.</param>
    public static string AlgorithmImage(string region, string algorithm, string? version = null)
    {
        ArgumentNullException.ThrowIfNull(algorithm);
        var algorithms = (JsonObject)Table.Value["algorithms"];
        if (!algorithms.TryGetValue(algorithm, out var a) || a is not JsonObject entry)
            throw new ImageNotFoundException($"'{algorithm}' is not a SageMaker built-in algorithm (known: {string.Join(", ", algorithms.Keys)})");
        var versions = JsonArrayOf(entry, "versions").OfType<JsonString>().Select(s => s.Value).ToArray();
        var chosen = version ?? versions[0];
        if (!versions.Contains(chosen, StringComparer.Ordinal))
            throw new ImageNotFoundException($"the built-in algorithm '{algorithm}' has no version '{chosen}' (versions: {string.Join(", ", versions)})");
        return $"{Registry(entry, region)}/{((JsonString)entry["repository"]).Value}:{chosen}";
    }

    /// <summary>The URI of a script-mode framework's training or inference image, cpu or gpu as the instance type needs.</summary>
    /// <param name="framework">The framework (not byod or builtin).</param>
    /// <param name="version">The version; null for the newest.</param>
    /// <param name="region">The region.</param>
    /// <param name="scope">Training or inference.</param>
    /// <param name="instanceType">The instance type the image runs on: gpu images for the p and g families.</param>
    /// <param name="pythonVersion">The Python version; null for the one the table lists.</param>
    public static string FrameworkImage(FrameworkName framework, string? version, string region, ImageScope scope, string instanceType, string? pythonVersion = null)
    {
        var name = ConfigurationWriter.FrameworkNames[(int)framework];
        var frameworks = (JsonObject)Table.Value["frameworks"];
        if (!frameworks.TryGetValue(name, out var f) || f is not JsonObject entry)
            throw new ImageNotFoundException($"'{name}' has no framework images; script mode supports {string.Join(", ", frameworks.Keys)}");
        var versions = (JsonObject)entry["versions"];
        var chosen = version ?? versions.Keys.First();
        if (!versions.TryGetValue(chosen, out var py))
            throw new ImageNotFoundException($"the {name} framework has no version '{chosen}' (versions: {string.Join(", ", versions.Keys)})");
        var gpu = IsGpuInstance(instanceType) && entry["gpu"] is JsonBoolean { Value: true };
        var tagKey = scope == ImageScope.Inference && entry.ContainsKey("inferenceTag") ? "inferenceTag" : "tag";
        var tag = ((JsonString)entry[tagKey]).Value
            .Replace("{version}", chosen, StringComparison.Ordinal)
            .Replace("{processor}", gpu ? "gpu" : "cpu", StringComparison.Ordinal)
            .Replace("{py}", pythonVersion ?? ((JsonString)py).Value, StringComparison.Ordinal);
        var repository = ((JsonString)entry[scope == ImageScope.Training ? "training" : "inference"]).Value;
        return $"{Registry(entry, region)}/{repository}:{tag}";
    }

    /// <summary>Whether <paramref name="instanceType"/> has GPUs: SageMaker's p and g families (ml.p3.2xlarge, ml.g5.xlarge).</summary>
    public static bool IsGpuInstance(string instanceType)
    {
        ArgumentNullException.ThrowIfNull(instanceType);
        var family = instanceType.StartsWith("ml.", StringComparison.Ordinal) ? instanceType[3..] : instanceType;
        return family.Length > 1 && (family[0] is 'p' or 'g') && char.IsDigit(family[1]);
    }

    private static string Registry(JsonObject entry, string region)
    {
        ArgumentNullException.ThrowIfNull(region);
        var registryName = ((JsonString)entry["registry"]).Value;
        var accounts = (JsonObject)((JsonObject)Table.Value["registries"])[registryName];
        if (!accounts.TryGetValue(region, out var account))
        {
            throw new ImageNotFoundException(Regions.Contains(region, StringComparer.Ordinal)
                ? $"the images of this framework are not published in {region} (regions: {string.Join(", ", accounts.Keys)})"
                : $"'{region}' is not a commercial AWS region with SageMaker images (regions: {string.Join(", ", Regions)})");
        }

        return $"{((JsonString)account).Value}.dkr.ecr.{region}.amazonaws.com";
    }

    private static JsonArray JsonArrayOf(JsonObject o, string key) => (JsonArray)o[key];

    private static JsonObject Load()
    {
        using var stream = typeof(ImageCatalog).Assembly.GetManifestResourceStream("SageBuild.Functions.Frameworks.images.json")
            ?? throw new InvalidOperationException("the image table (Frameworks/Data/images.json) is not embedded in SageBuild.Functions");
        using var reader = new StreamReader(stream);
        return (JsonObject)JsonValue.Parse(reader.ReadToEnd());
    }
}
