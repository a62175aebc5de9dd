using System.Diagnostics;
using System.Text;
using SageBuild.StateMachines.Json;
using SageBuild.Tests.Local.Training;

namespace SageBuild.Tests.Cli.Run;

/// <summary>
/// <c>sagebuild run</c> and <c>sagebuild rollback</c> as a user runs them: the built executable as a child process on a
/// copy of an example project, with the real pipeline, real builds, training and serving processes.
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.Children)]
public sealed class RunCommandProcessTests
{
    private const string Python = "failure-predictor-python";

    [Test]
    public async Task The_python_example_is_built_trained_judged_and_deployed_and_answers_its_sample()
    {
        using var project = new ExampleProject(Python);

        var result = await project.RunAsync("run", "--once", "--json");

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        var line = ExampleProject.Line(result);
        Assert.That(line.Text("status"), Is.EqualTo("DEPLOYED"));
        Assert.That(line["build"], Is.EqualTo((JsonValue)JsonNumber.From(1)));
        Assert.That(line.Text("endpoint"), Does.Match(@"^http://127\.0\.0\.1:\d+/endpoints/failure-predictor/invocations$"));
        Assert.That(((JsonNumber)((JsonObject)line["metrics"])["validation:auc"]).Value, Is.GreaterThanOrEqualTo(0.75), "the gate's threshold");
        Assert.That(line.Text("prediction"), Does.StartWith("{\"predictions\": [0."));
        Assert.That(File.ReadAllText(Path.Combine(project.Directory, ".sagebuild", "notifications.jsonl")), Does.Contain("build 1 deployed"));
    }

    [Test]
    public async Task The_mlnet_example_is_built_trained_judged_and_deployed_and_answers_its_sample()
    {
        using var project = new ExampleProject("taxi-fare-mlnet");

        var result = await project.RunAsync("run", "--once", "--json");

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        var line = ExampleProject.Line(result);
        Assert.That(line.Text("status"), Is.EqualTo("DEPLOYED"));
        Assert.That(((JsonNumber)((JsonObject)line["metrics"])["validation:rmse"]).Value, Is.LessThanOrEqualTo(5.0), "the gate's threshold");
        Assert.That(line.Text("prediction"), Does.Match(@"^\{""predictions"":\[\d+(\.\d+)?\]\}$"));
    }

    [Test]
    public async Task A_second_run_is_build_2_and_a_worse_model_is_rejected_with_exit_3_while_the_first_keeps_serving()
    {
        using var project = new ExampleProject(Python);
        var first = ExampleProject.Line(await project.RunAsync("run", "--once", "--json"));
        project.Edit(yaml => yaml.Replace("      learning_rate: 0.5\n", "      learning_rate: 0.5\n      features: age_years\n", StringComparison.Ordinal));

        var result = await project.RunAsync("run", "--once", "--json");

        Assert.That(result.ExitCode, Is.EqualTo(3), result.ToString());
        var line = ExampleProject.Line(result);
        Assert.That(line.Text("status"), Is.EqualTo("REJECTED"));
        Assert.That(line["build"], Is.EqualTo((JsonValue)JsonNumber.From(2)), "state persists in the data folder: the next run is the next build");
        Assert.That(line.Text("summary"), Does.Contain("missed production"));
        Assert.That(line["serving"], Is.EqualTo((JsonValue)JsonNumber.From(1)));
        Assert.That(line.Text("prediction"), Is.EqualTo(first.Text("prediction")), "build 1 still answers");
    }

    [Test]
    public async Task A_failed_training_reports_its_failure_text_and_the_old_endpoint_keeps_serving()
    {
        using var project = new ExampleProject(Python);
        var first = ExampleProject.Line(await project.RunAsync("run", "--once", "--json"));
        project.Edit(yaml => yaml.Replace("train: exec python3 train.py", "train: exec python3 train.py --features bogus", StringComparison.Ordinal));

        var result = await project.RunAsync("run", "--once", "--json");

        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
        var line = ExampleProject.Line(result);
        Assert.That(line.Text("status"), Is.EqualTo("FAILED"));
        Assert.That(line.Text("failure"), Does.StartWith("Train: ValueError: --features: unknown column(s) ['bogus']"), "the job's output/failure text");
        Assert.That(line["serving"], Is.EqualTo((JsonValue)JsonNumber.From(1)));
        Assert.That(line.Text("prediction"), Is.EqualTo(first.Text("prediction")));
    }

    [Test]
    public async Task Rollback_to_build_1_serves_build_1s_predictions_without_retraining()
    {
        using var project = new ExampleProject(Python);
        var first = ExampleProject.Line(await project.RunAsync("run", "--once", "--json"));
        // A model that predicts differently; without a gate it is deployed whatever its score.
        project.Edit(yaml => yaml[..yaml.IndexOf("  gate:", StringComparison.Ordinal)].Replace("epochs: 300", "epochs: 1", StringComparison.Ordinal));
        var second = ExampleProject.Line(await project.RunAsync("run", "--once", "--json"));
        Assert.That(second.Text("status"), Is.EqualTo("DEPLOYED"));
        Assert.That(second.Text("prediction"), Is.Not.EqualTo(first.Text("prediction")), "the two builds must answer differently for this test to mean anything");
        var trainingJobs = Directory.GetDirectories(Path.Combine(project.Directory, ".sagebuild", "training")).Length;

        var result = await project.RunAsync("rollback", "--to", "1", "--once", "--json");

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        var line = ExampleProject.Line(result);
        Assert.That(line.Text("status"), Is.EqualTo("ROLLED_BACK"));
        Assert.That(line.Text("prediction"), Is.EqualTo(first.Text("prediction")));
        Assert.That(Directory.GetDirectories(Path.Combine(project.Directory, ".sagebuild", "training")), Has.Length.EqualTo(trainingJobs), "no training job ran");
        var after = ExampleProject.Line(await project.RunAsync("run", "--once", "--json"));
        Assert.That(after["build"], Is.EqualTo((JsonValue)JsonNumber.From(3)));
    }

    [Test]
    public async Task Rollback_to_a_build_whose_model_and_config_retention_deleted_creates_them_again_from_the_ledger()
    {
        using var project = new ExampleProject(Python);
        project.Edit(yaml => yaml[..yaml.IndexOf("  gate:", StringComparison.Ordinal)] + "  retention:\n    models: 1\n    endpointConfigs: 1\n");
        var first = ExampleProject.Line(await project.RunAsync("run", "--once", "--json"));
        project.Edit(yaml => yaml.Replace("epochs: 300", "epochs: 1", StringComparison.Ordinal));
        await project.RunAsync("run", "--once", "--json");
        await project.RunAsync("run", "--once", "--json");
        var configs = Path.Combine(project.Directory, ".sagebuild", "hosting", "endpoint-configs");
        Assert.That(File.Exists(Path.Combine(configs, "failure-predictor-1-config.json")), Is.False, "retention deleted build 1's endpoint config");

        var result = await project.RunAsync("rollback", "--to", "1", "--once", "--json");

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(ExampleProject.Line(result).Text("prediction"), Is.EqualTo(first.Text("prediction")));
        Assert.That(File.Exists(Path.Combine(configs, "failure-predictor-1-config.json")), Is.True);
    }

    [Test]
    public async Task Without_once_it_serves_the_endpoint_until_stopped_and_then_stops_what_it_started()
    {
        using var project = new ExampleProject(Python);
        var start = new ProcessStartInfo(ExampleProject.Sagebuild) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "run", project.Directory, "--json" })
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync();
        var first = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromMinutes(3));
        if (first is null)
            Assert.Fail("sagebuild run printed nothing: " + await errors);
        var endpoint = ((JsonObject)JsonValue.Parse(first!)).Text("endpoint");

        using var http = new HttpClient();
        using (var content = new StringContent("91.5,7.8,6.1,9.0,340", Encoding.UTF8, "text/csv"))
        {
            using var answer = await http.PostAsync(new Uri(endpoint), content);
            Assert.That((int)answer.StatusCode, Is.EqualTo(200), "the endpoint is served after the pipeline ended");
        }

        Assert.That(process.HasExited, Is.False, "it keeps serving until stopped");
        using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            await kill.WaitForExitAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.That(process.ExitCode, Is.Zero, await errors);
        using var gone = new StringContent("91.5,7.8,6.1,9.0,340", Encoding.UTF8, "text/csv");
        Assert.That(async () => await http.PostAsync(new Uri(endpoint), gone), Throws.InstanceOf<HttpRequestException>(), "the invocation server stopped with it");
    }

    [Test]
    public async Task The_overhead_benchmark_reports_each_runs_total_command_and_overhead_time_and_leaves_the_project_alone()
    {
        using var project = new ExampleProject(Python);

        var result = await project.RunAsync("run", "--bench", "2", "--json");

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        var line = ExampleProject.Line(result);
        Assert.That(line.Text("workload"), Is.EqualTo("run-overhead"));
        var runs = (JsonArray)line["runs"];
        Assert.That(runs, Has.Count.EqualTo(2));
        foreach (var run in runs.Cast<JsonObject>())
        {
            var total = ((JsonNumber)run["totalSeconds"]).Value;
            var commands = ((JsonNumber)run["commandSeconds"]).Value;
            Assert.That(commands, Is.GreaterThan(0).And.LessThan(total), "the project's commands ran inside the build");
            Assert.That(((JsonNumber)run["overheadSeconds"]).Value, Is.EqualTo(total - commands).Within(0.002));
        }

        Assert.That(Directory.Exists(Path.Combine(project.Directory, ".sagebuild")), Is.False, "the benchmark runs in a temporary data folder");
    }
}
