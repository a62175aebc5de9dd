using SageBuild.StateMachines.Tasks.SageMaker;

namespace SageBuild.Functions.Configuration;

/// <summary>The rules of the configuration that involve more than one key (the schema checks each key alone).</summary>
internal static class ConfigurationRules
{
    public static IEnumerable<ConfigurationError> Check(PipelineConfiguration c)
    {
        if (!c.Train && c.ModelArtifacts is null)
            yield return new("modelArtifacts", "is required when train is false: it is the model to deploy");
        if (c.Train && c.ModelArtifacts is not null)
            yield return new("modelArtifacts", "is only used when train is false; set train to false to deploy it, or remove it");
        if (c.Framework.Name == FrameworkName.Builtin && c.Framework.Algorithm is null)
            yield return new("framework.algorithm", "is required when framework.name is builtin (for example xgboost)");
        if (c.Framework.Name != FrameworkName.Builtin && c.Framework.Algorithm is not null)
            yield return new("framework.algorithm", "is only used when framework.name is builtin");
        if (c.Framework.Name != FrameworkName.Byod && c.TrainingImage is not null)
            yield return new("trainingImage", $"cannot be combined with framework.name {ConfigurationWriter.FrameworkNames[(int)c.Framework.Name]}: the framework gives the image; use byod for your own");
        if (c.Framework.Name != FrameworkName.Byod && c.InferenceImage is not null)
            yield return new("inferenceImage", $"cannot be combined with framework.name {ConfigurationWriter.FrameworkNames[(int)c.Framework.Name]}: the framework gives the image; use byod for your own");
        if (c.Framework.IsScriptMode)
        {
            foreach (var key in c.Training.Hyperparameters.Keys.Where(k => k.StartsWith("sagemaker_", StringComparison.Ordinal)))
                yield return new($"training.hyperparameters.{key}", "is set by SageBuild in script mode; remove it");
        }

        foreach (var duplicate in Duplicates(c.Training.Channels.Select(ch => ch.Name)))
            yield return new("training.channels", $"names the channel '{duplicate}' twice");
        foreach (var duplicate in Duplicates(c.Training.MetricDefinitions.Select(m => m.Name)))
            yield return new("training.metricDefinitions", $"defines the metric '{duplicate}' twice");
        foreach (var duplicate in Duplicates(c.Hosting.Variants.Select(v => v.Name)))
            yield return new("hosting.variants", $"names the variant '{duplicate}' twice");
        if (c.Hosting.Variants.Count > 0 && c.Hosting.Variants.All(v => v.Weight == 0))
            yield return new("hosting.variants", "gives every variant weight 0, so no request would be served");
        if (c.Hosting.Containers.Count > 0 && c.InferenceImage is null && c.Framework.Name != FrameworkName.Byod
            && c.Hosting.Containers.Any(ct => ct.Image.Contains(ConfigurationWriter.InferenceImageToken, StringComparison.Ordinal)))
        {
            yield return new("hosting.containers", "uses {inferenceImage}, which only byod builds");
        }

        foreach (var error in CheckTuning(c))
            yield return error;
        foreach (var error in CheckGate(c))
            yield return error;

        var g = c.Guardrails;
        if (g.TrafficRouting is TrafficRoutingType.CANARY or TrafficRoutingType.LINEAR && g.SizePercent is null)
            yield return new("guardrails.sizePercent", $"is required when guardrails.trafficRouting is {g.TrafficRouting}");
        if (g.TrafficRouting == TrafficRoutingType.ALL_AT_ONCE && g.SizePercent is not null)
            yield return new("guardrails.sizePercent", "is only used with CANARY or LINEAR traffic routing");
        if (g.PollSeconds > g.EndpointTimeoutSeconds)
            yield return new("guardrails.pollSeconds", $"must be ≤ guardrails.endpointTimeoutSeconds ({g.EndpointTimeoutSeconds})");

        foreach (var (key, step) in new[] { ("trainingConfig", c.Steps.TrainingConfig), ("modelConfig", c.Steps.ModelConfig), ("endpointConfig", c.Steps.EndpointConfig) })
        {
            if (step is not null && (step.LambdaArn is null) == (step.Class is null))
                yield return new($"steps.{key}", "needs exactly one of lambdaArn and class");
        }
    }

    private static IEnumerable<ConfigurationError> CheckTuning(PipelineConfiguration c)
    {
        if (c.Tuning is not { } t)
            yield break;
        if (!c.Train)
            yield return new("tuning", "needs train to be true: tuning trains the candidates");
        if (t.MaxParallelJobs > t.MaxJobs)
            yield return new("tuning.maxParallelJobs", $"must be ≤ tuning.maxJobs ({t.MaxJobs})");
        if (t.CategoricalRanges.Count + t.ContinuousRanges.Count + t.IntegerRanges.Count == 0)
            yield return new("tuning", "needs at least one range in categoricalRanges, continuousRanges or integerRanges");
        if (t.Strategy == TuningStrategy.Grid && (t.ContinuousRanges.Count + t.IntegerRanges.Count) > 0)
            yield return new("tuning.strategy", "Grid searches categorical ranges only; remove the continuous and integer ranges or pick another strategy");
        for (var i = 0; i < t.ContinuousRanges.Count; i++)
        {
            if (t.ContinuousRanges[i].Min >= t.ContinuousRanges[i].Max)
                yield return new($"tuning.continuousRanges[{i}].max", $"must be greater than min ({t.ContinuousRanges[i].Min})");
        }

        for (var i = 0; i < t.IntegerRanges.Count; i++)
        {
            var r = t.IntegerRanges[i];
            if (r.Min >= r.Max)
                yield return new($"tuning.integerRanges[{i}].max", $"must be greater than min ({r.Min})");
            if (Math.Floor(r.Min) != r.Min || Math.Floor(r.Max) != r.Max)
                yield return new($"tuning.integerRanges[{i}]", "must have whole-number bounds");
        }

        if (c.Framework.Name != FrameworkName.Builtin && t.ObjectiveRegex is null && c.Training.MetricDefinitions.All(m => m.Name != t.ObjectiveMetric))
            yield return new("tuning.objective.regex", $"is required: '{t.ObjectiveMetric}' is not among training.metricDefinitions, so SageMaker could not find it in the logs");
    }

    private static IEnumerable<ConfigurationError> CheckGate(PipelineConfiguration c)
    {
        if (c.Gate is not { } gate)
            yield break;
        if (!c.Train)
            yield return new("gate", "has nothing to measure when train is false (a deployed artifact has no metrics); remove the gate or train");
        else if (gate.Source == MetricSource.FinalMetrics && c.Framework.Name != FrameworkName.Builtin && c.Tuning is null
                 && c.Training.MetricDefinitions.All(m => m.Name != gate.Metric))
            yield return new("gate.metric", $"'{gate.Metric}' is not among training.metricDefinitions, so the training job would not report it");
    }

    private static IEnumerable<string> Duplicates(IEnumerable<string> names) =>
        names.GroupBy(n => n, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key);
}
