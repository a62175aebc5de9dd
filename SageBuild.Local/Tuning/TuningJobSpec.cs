using System.Security.Cryptography;
using System.Text;
using SageBuild.Local.Shapes;
using SageBuild.StateMachines.Json;

namespace SageBuild.Local.Tuning;

/// <summary>A CreateHyperParameterTuningJob request, checked.</summary>
internal sealed record TuningJobSpec(
    string Name,
    JsonObject Request,
    string Strategy,
    string ObjectiveType,
    string ObjectiveMetric,
    int MaxNumberOfTrainingJobs,
    int MaxParallelTrainingJobs,
    long? MaxRuntimeInSeconds,
    double? TargetObjectiveMetricValue,
    int Seed,
    IReadOnlyList<ParameterRange> Ranges,
    ShapeReader Definition)
{
    /// <summary>The hyperparameters of each training job to run, in order: a grid's combinations, or random draws.</summary>
    public IReadOnlyList<IReadOnlyList<KeyValuePair<string, string>>> Candidates()
    {
        if (Strategy == "Grid")
        {
            IEnumerable<IReadOnlyList<KeyValuePair<string, string>>> grid = [[]];
            foreach (var range in Ranges.Cast<CategoricalRange>())
                grid = grid.SelectMany(prefix => range.Values.Select(v => (IReadOnlyList<KeyValuePair<string, string>>)[.. prefix, KeyValuePair.Create(range.Name, v)]));
            return grid.Take(MaxNumberOfTrainingJobs).ToList();
        }

        // Random draws from a seed: the same tuning job draws the same candidates when it is run again.
        var random = new Random(Seed);
        return Enumerable.Range(0, MaxNumberOfTrainingJobs)
            .Select(_ => (IReadOnlyList<KeyValuePair<string, string>>)Ranges.Select(r => KeyValuePair.Create(r.Name, r.Sample(random))).ToList())
            .ToList();
    }

    public static TuningJobSpec Parse(JsonValue parameters)
    {
        var request = new ShapeReader(parameters, "");
        var name = request.RequiredName("HyperParameterTuningJobName", maxLength: 32);
        var config = request.RequiredObject("HyperParameterTuningJobConfig");
        var strategy = config.RequiredString("Strategy");
        if (strategy is not ("Bayesian" or "Random" or "Hyperband" or "Grid"))
            throw ServiceException.Invalid($"HyperParameterTuningJobConfig.Strategy must be Bayesian, Random, Hyperband or Grid, not '{strategy}'");

        var definitions = request.ObjectList("TrainingJobDefinitions");
        if (definitions.Count > 1)
            throw ServiceException.Invalid("TrainingJobDefinitions: a local tuning job takes a single training job definition");
        ShapeReader definition;
        if (request.OptionalObject("TrainingJobDefinition") is { } single)
            definition = single;
        else if (definitions.Count == 1)
            definition = definitions[0];
        else
            throw ServiceException.Invalid("TrainingJobDefinition is required");
        var algorithm = definition.RequiredObject("AlgorithmSpecification");

        var objective = config.OptionalObject("HyperParameterTuningJobObjective") ?? definition.OptionalObject("TuningObjective")
            ?? throw ServiceException.Invalid("HyperParameterTuningJobConfig.HyperParameterTuningJobObjective is required");
        var objectiveType = objective.RequiredString("Type");
        if (objectiveType is not ("Maximize" or "Minimize"))
            throw ServiceException.Invalid($"{objective.Path("Type")} must be Maximize or Minimize, not '{objectiveType}'");
        var metric = objective.RequiredString("MetricName");
        if (!algorithm.ObjectList("MetricDefinitions").Any(m => m.OptionalString("Name") == metric))
            throw ServiceException.Invalid($"{objective.Path("MetricName")} '{metric}' must be one of the AlgorithmSpecification.MetricDefinitions, so that it can be read from the log");

        var rangesNode = definition.OptionalObject("HyperParameterRanges") ?? config.OptionalObject("ParameterRanges");
        var ranges = new List<ParameterRange>();
        if (rangesNode is { } r)
        {
            ranges.AddRange(r.ObjectList("IntegerParameterRanges").Select(ParameterRange.Integer));
            ranges.AddRange(r.ObjectList("ContinuousParameterRanges").Select(ParameterRange.Continuous));
            ranges.AddRange(r.ObjectList("CategoricalParameterRanges").Select(ParameterRange.Categorical));
        }

        var duplicate = ranges.GroupBy(x => x.Name).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw ServiceException.Invalid($"ParameterRanges: the hyperparameter '{duplicate.Key}' has more than one range");
        var limits = config.RequiredObject("ResourceLimits");
        var parallel = (int)(limits.OptionalInteger("MaxParallelTrainingJobs", 1, 100) ?? throw ServiceException.Invalid("HyperParameterTuningJobConfig.ResourceLimits.MaxParallelTrainingJobs is required"));
        int maxJobs;
        if (strategy == "Grid")
        {
            if (ranges.Any(x => x is not CategoricalRange))
                throw ServiceException.Invalid("HyperParameterTuningJobConfig.Strategy Grid takes CategoricalParameterRanges only");
            var combinations = ranges.Cast<CategoricalRange>().Aggregate(1L, (n, x) => n * x.Values.Count);
            maxJobs = (int)Math.Min(combinations, limits.OptionalInteger("MaxNumberOfTrainingJobs", 1, 10_000) ?? combinations);
        }
        else
        {
            if (ranges.Count == 0)
                throw ServiceException.Invalid("HyperParameterTuningJobConfig.ParameterRanges must hold at least one range");
            maxJobs = (int)(limits.OptionalInteger("MaxNumberOfTrainingJobs", 1, 10_000)
                ?? throw ServiceException.Invalid("HyperParameterTuningJobConfig.ResourceLimits.MaxNumberOfTrainingJobs is required"));
        }

        var seed = config.OptionalInteger("RandomSeed", 0, int.MaxValue) is { } given
            ? (int)given
            : BitConverter.ToInt32(SHA256.HashData(Encoding.UTF8.GetBytes(name)), 0);
        return new TuningJobSpec(
            name, request.Value, strategy, objectiveType, metric, maxJobs, parallel,
            limits.OptionalInteger("MaxRuntimeInSeconds", 120, 15_768_000),
            config.OptionalObject("TuningJobCompletionCriteria")?.OptionalNumber("TargetObjectiveMetricValue"),
            seed, ranges, definition);
    }
}
