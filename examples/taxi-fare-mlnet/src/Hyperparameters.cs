using System.Globalization;
using System.Text.Json;

namespace TaxiFare;

/// <summary>
/// The training settings. SageMaker passes hyperparameters as strings in <c>hyperparameters.json</c>;
/// unknown names are an error, so a typo in the project config does not silently train a default model.
/// </summary>
internal sealed record Hyperparameters(IReadOnlyList<string> Features, int NumberOfTrees, int NumberOfLeaves, double LearningRate)
{
    public static readonly IReadOnlyList<string> AllFeatures =
        ["vendor_id", "passenger_count", "trip_distance_miles", "trip_minutes", "hour_of_day", "payment_type"];

    public static Hyperparameters Read(string configDir)
    {
        var path = Path.Combine(configDir, "hyperparameters.json");
        var values = File.Exists(path)
            ? JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(path)) ?? []
            : [];
        var features = AllFeatures;
        var trees = 100;
        var leaves = 20;
        var learningRate = 0.2;
        foreach (var (name, value) in values)
        {
            switch (name)
            {
                case "features":
                    features = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                    var unknown = features.Except(AllFeatures).ToList();
                    if (unknown.Count > 0 || features.Count == 0)
                        throw new ArgumentException($"hyperparameter 'features': unknown column(s) {string.Join(", ", unknown)}; use some of {string.Join(", ", AllFeatures)}");
                    break;
                case "number_of_trees":
                    trees = PositiveInteger(name, value);
                    break;
                case "number_of_leaves":
                    leaves = PositiveInteger(name, value);
                    break;
                case "learning_rate":
                    learningRate = double.Parse(value, CultureInfo.InvariantCulture);
                    break;
                default:
                    // SageMaker adds its own keys (sagemaker_*) in script mode; anything else is a mistake.
                    if (!name.StartsWith("sagemaker_", StringComparison.Ordinal))
                        throw new ArgumentException($"unknown hyperparameter '{name}': use features, number_of_trees, number_of_leaves or learning_rate");
                    break;
            }
        }

        return new Hyperparameters(features, trees, leaves, learningRate);
    }

    private static int PositiveInteger(string name, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : throw new ArgumentException($"hyperparameter '{name}' must be a positive integer, not '{value}'");
}
