namespace TaxiFare;

/// <summary>
/// Where SageMaker's training and hosting contracts put things. Inside a SageMaker container the root is
/// <c>/opt/ml</c>; SageBuild's local backends set the SM_* variables to a job directory instead.
/// </summary>
internal sealed record SageMakerPaths(string ModelDir, string InputConfigDir, string OutputDataDir, string FailureFile, IReadOnlyDictionary<string, string> Channels)
{
    public static SageMakerPaths FromEnvironment()
    {
        var root = Environment.GetEnvironmentVariable("SM_ML_ROOT") ?? "/opt/ml";
        var inputDir = Environment.GetEnvironmentVariable("SM_INPUT_DIR") ?? Path.Combine(root, "input");
        var outputDir = Environment.GetEnvironmentVariable("SM_OUTPUT_DIR") ?? Path.Combine(root, "output");
        var channels = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in new[] { "train", "validation" })
        {
            var fromEnvironment = Environment.GetEnvironmentVariable("SM_CHANNEL_" + name.ToUpperInvariant());
            channels[name] = fromEnvironment ?? Path.Combine(inputDir, "data", name);
        }

        return new SageMakerPaths(
            ModelDir: Environment.GetEnvironmentVariable("SM_MODEL_DIR") ?? Path.Combine(root, "model"),
            InputConfigDir: Environment.GetEnvironmentVariable("SM_INPUT_CONFIG_DIR") ?? Path.Combine(inputDir, "config"),
            OutputDataDir: Environment.GetEnvironmentVariable("SM_OUTPUT_DATA_DIR") ?? Path.Combine(outputDir, "data"),
            FailureFile: Path.Combine(outputDir, "failure"),
            Channels: channels);
    }

    public string ModelFile => Path.Combine(ModelDir, "model.zip");
}
