using SageBuild.Local.Jobs;
using SageBuild.StateMachines.Json;
using SageBuild.StateMachines.Model;
using SageBuild.Tests.Local.Training;

namespace SageBuild.Tests.Local.Tuning;

public sealed class TuningTests
{
    private const string TuneSync = "arn:aws:states:::sagemaker:createHyperParameterTuningJob.sync";

    private LocalTestEnvironment _environment = null!;

    [SetUp]
    public async Task StartAsync()
    {
        _environment = await LocalTestEnvironment.StartAsync();
        TrainingRequests.PutTrainingData(_environment);
    }

    [TearDown]
    public async Task StopAsync() => await _environment.DisposeAsync();

    [Test]
    public async Task Random_search_runs_the_jobs_at_most_MaxParallel_at_once_and_reports_the_best_one()
    {
        var description = await _environment.SucceedAsync(TuneSync, Request("churn-tune", "Random", """
            {
              "ContinuousParameterRanges": [{"Name": "weight", "MinValue": "1", "MaxValue": "4", "ScalingType": "Linear"}],
              "IntegerParameterRanges": [{"Name": "epochs", "MinValue": "1", "MaxValue": "3"}]
            }
            """, maxJobs: 4, maxParallel: 2));

        Assert.That(description.Text("HyperParameterTuningJobStatus"), Is.EqualTo("Completed"));
        Assert.That(((JsonNumber)((JsonObject)description["TrainingJobStatusCounters"])["Completed"]).Value, Is.EqualTo(4));
        var trials = TrialsOf("churn-tune");
        Assert.That(trials, Has.Count.EqualTo(4));
        Assert.That(trials.Select(t => t.Name), Has.All.Match("^churn-tune-00[1-4]-[0-9a-f]{8}$"), "SageMaker's training job names");
        Assert.That(trials.Select(t => t.Weight), Has.All.InRange(1.0, 4.0));
        Assert.That(trials.Select(t => t.Epochs), Has.All.InRange(1, 3));
        Assert.That(MaxConcurrentTrainings(), Is.InRange(1, 2));

        var best = (JsonObject)description["BestTrainingJob"];
        var bestWeight = double.Parse(((JsonObject)best["TunedHyperParameters"]).Text("weight"), CultureInfo.InvariantCulture);
        Assert.That(bestWeight, Is.EqualTo(trials.Max(t => t.Weight)), "accuracy grows with the weight, and the objective is maximized");
        var objective = (JsonObject)best["FinalHyperParameterTuningJobObjectiveMetric"];
        Assert.That(objective.Text("MetricName"), Is.EqualTo("validation:accuracy"));
        Assert.That(((JsonNumber)objective["Value"]).Value, Is.EqualTo(bestWeight * 20 / 100).Within(0.001));
        Assert.That(best.Text("ObjectiveStatus"), Is.EqualTo("Succeeded"));
        var training = _environment.Backends.Training.Describe(best.Text("TrainingJobName"))!.Describe(SageBuild.Local.Shapes.TimestampFormat.Iso8601);
        Assert.That(training.Text("TuningJobArn"), Is.EqualTo("arn:aws:sagemaker:us-east-1:123456789012:hyper-parameter-tuning-job/churn-tune"));
        Assert.That(((JsonObject)training["HyperParameters"]).Text("learning_rate"), Is.EqualTo("0.1"), "static hyperparameters go to every job");
    }

    [Test]
    public async Task Grid_search_tries_every_combination_of_the_categorical_ranges()
    {
        var description = await _environment.SucceedAsync(TuneSync, Request("grid", "Grid", """
            {"CategoricalParameterRanges": [{"Name": "weight", "Values": ["1", "2", "3"]}, {"Name": "epochs", "Values": ["1", "2"]}]}
            """, maxJobs: null, maxParallel: 3));

        var trials = TrialsOf("grid");
        Assert.That(trials.Select(t => (t.Weight, t.Epochs)), Is.EquivalentTo(new[] { (1.0, 1), (1.0, 2), (2.0, 1), (2.0, 2), (3.0, 1), (3.0, 2) }));
        Assert.That(((JsonObject)((JsonObject)description["BestTrainingJob"])["TunedHyperParameters"]).Text("weight"), Is.EqualTo("3"));
    }

    [Test]
    public async Task A_tuning_job_whose_trainings_all_fail_fails_with_the_reason()
    {
        var request = Request("all-fail", "Bayesian", """{"IntegerParameterRanges": [{"Name": "epochs", "MinValue": "1", "MaxValue": "3"}]}""", 2, 2)
            .Replace("\"model:v1\"", "\"failing:v1\"", StringComparison.Ordinal);

        var outcome = await _environment.CallAsync(TuneSync, request);

        Assert.That(outcome.Error, Is.EqualTo(ErrorNames.TaskFailed));
        var cause = (JsonObject)JsonValue.Parse(outcome.Cause!);
        Assert.That(cause.Text("HyperParameterTuningJobStatus"), Is.EqualTo("Failed"));
        Assert.That(cause.Text("FailureReason"), Does.Contain("validation:accuracy"));
        Assert.That(((JsonNumber)((JsonObject)cause["TrainingJobStatusCounters"])["NonRetryableError"]).Value, Is.EqualTo(2));
    }

    [Test]
    public async Task An_objective_metric_missing_from_the_metric_definitions_is_refused()
    {
        var request = Request("bad-metric", "Random", """{"IntegerParameterRanges": [{"Name": "epochs", "MinValue": "1", "MaxValue": "3"}]}""", 2, 1)
            .Replace("\"MetricName\": \"validation:accuracy\"", "\"MetricName\": \"validation:auc\"", StringComparison.Ordinal);

        var outcome = await _environment.CallAsync(TuneSync, request);

        Assert.That(outcome.Error, Is.EqualTo("SageMaker.AmazonSageMakerException"));
        Assert.That(outcome.Cause, Does.Contain("'validation:auc' must be one of the AlgorithmSpecification.MetricDefinitions"));
    }

    private List<(string Name, double Weight, int Epochs)> TrialsOf(string tuningJob) =>
        Directory.GetDirectories(Path.Combine(_environment.DataDirectory, "training"), tuningJob + "-*")
            .Select(directory => Path.GetFileName(directory))
            .Select(name => (Name: name, HyperParameters: (JsonObject)_environment.Backends.Training.Describe(name)!
                .Describe(SageBuild.Local.Shapes.TimestampFormat.Iso8601)["HyperParameters"]))
            .Select(t => (t.Name, double.Parse(t.HyperParameters.Text("weight"), CultureInfo.InvariantCulture),
                int.Parse(t.HyperParameters.Text("epochs"), CultureInfo.InvariantCulture)))
            .ToList();

    private int MaxConcurrentTrainings()
    {
        var running = 0;
        var max = 0;
        foreach (var (job, status, _) in _environment.Observer.Statuses.Where(s => s.Job.Kind == LocalJobKind.Training))
        {
            if (status == "Starting")
                max = Math.Max(max, ++running);
            else if (status is "Completed" or "Failed" or "Stopped")
                running--;
        }

        return max;
    }

    private static string Request(string name, string strategy, string ranges, int? maxJobs, int maxParallel) => $$$$"""
        {
          "HyperParameterTuningJobName": "{{{{name}}}}",
          "HyperParameterTuningJobConfig": {
            "Strategy": "{{{{strategy}}}}",
            "HyperParameterTuningJobObjective": {"Type": "Maximize", "MetricName": "validation:accuracy"},
            "ResourceLimits": {{{{(maxJobs is null ? "{" : $"{{\"MaxNumberOfTrainingJobs\": {maxJobs}, ")}}}}"MaxParallelTrainingJobs": {{{{maxParallel}}}}},
            "ParameterRanges": {{{{ranges}}}}
          },
          "TrainingJobDefinition": {
            "StaticHyperParameters": {"learning_rate": "0.1"},
            "AlgorithmSpecification": {
              "TrainingImage": "model:v1",
              "TrainingInputMode": "File",
              "MetricDefinitions": [{"Name": "validation:accuracy", "Regex": "validation:accuracy=([0-9.]+)"}]
            },
            "RoleArn": "arn:aws:iam::123456789012:role/SageBuildTraining",
            "InputDataConfig": [{"ChannelName": "train", "DataSource": {"S3DataSource": {"S3DataType": "S3Prefix", "S3Uri": "s3://sagebuild-data/train"}}}],
            "OutputDataConfig": {"S3OutputPath": "s3://sagebuild-artifacts/tuning"},
            "ResourceConfig": {"InstanceType": "ml.m5.large", "InstanceCount": 1, "VolumeSizeInGB": 10},
            "StoppingCondition": {"MaxRuntimeInSeconds": 600}
          }
        }
        """;
}
