using System.Globalization;
using System.Text.Json;
using Microsoft.ML;

namespace TaxiFare;

/// <summary>
/// `train`: SageMaker's training contract. Reads the channels and hyperparameters, writes the model to the model
/// directory (packed into model.tar.gz by the platform), the evaluation to the output data directory, prints the
/// metrics for the job's metric regexes, and on failure writes the reason to output/failure.
/// </summary>
internal static class TrainCommand
{
    public static int Run(SageMakerPaths paths)
    {
        try
        {
            var hp = Hyperparameters.Read(paths.InputConfigDir);
            Console.WriteLine($"training on {string.Join(", ", hp.Features)} with {hp.NumberOfTrees} trees");
            var ml = new MLContext(seed: 1);
            var train = FareModel.Load(ml, paths.Channels["train"]);
            var model = FareModel.Train(ml, train, hp);

            var validationDir = paths.Channels["validation"];
            var validation = Directory.Exists(validationDir) ? FareModel.Load(ml, validationDir) : train;
            var metrics = FareModel.Evaluate(ml, model, validation);

            Directory.CreateDirectory(paths.ModelDir);
            ml.Model.Save(model, train.Schema, paths.ModelFile);

            var evaluation = new Dictionary<string, double>
            {
                ["validation:rmse"] = Math.Round(metrics.RootMeanSquaredError, 4),
                ["validation:mae"] = Math.Round(metrics.MeanAbsoluteError, 4),
                ["validation:r2"] = Math.Round(metrics.RSquared, 4),
            };
            Directory.CreateDirectory(paths.OutputDataDir);
            File.WriteAllText(Path.Combine(paths.OutputDataDir, "evaluation.json"), JsonSerializer.Serialize(new { metrics = evaluation }));
            foreach (var (name, value) in evaluation)
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name}={value};"));
            return 0;
        }
        catch (Exception e) when (e is ArgumentException or IOException or InvalidOperationException or FormatException)
        {
            Console.Error.WriteLine($"training failed: {e.Message}");
            Directory.CreateDirectory(Path.GetDirectoryName(paths.FailureFile)!);
            File.WriteAllText(paths.FailureFile, e.Message);
            return 1;
        }
    }
}
