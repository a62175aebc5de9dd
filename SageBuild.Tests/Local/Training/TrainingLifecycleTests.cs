using System.Diagnostics;
using SageBuild.Local.Artifacts;
using SageBuild.StateMachines.Json;
using SageBuild.StateMachines.Model;

namespace SageBuild.Tests.Local.Training;

public sealed class TrainingLifecycleTests
{
    private LocalTestEnvironment _environment = null!;

    [SetUp]
    public async Task StartAsync()
    {
        _environment = await LocalTestEnvironment.StartAsync(o => o with { StopGracePeriod = TimeSpan.FromSeconds(1) });
        TrainingRequests.PutTrainingData(_environment);
    }

    [TearDown]
    public async Task StopAsync() => await _environment.DisposeAsync();

    [Test]
    public async Task A_failed_job_gives_TaskFailed_with_the_first_1024_characters_of_output_failure()
    {
        var outcome = await _environment.CallAsync(TrainingRequests.Sync, TrainingRequests.Create("broken", "failing:v1"));

        Assert.That(outcome.Error, Is.EqualTo(ErrorNames.TaskFailed));
        var cause = (JsonObject)JsonValue.Parse(outcome.Cause!);
        var reason = cause.Text("FailureReason");
        Assert.Multiple(() =>
        {
            Assert.That(cause.Text("TrainingJobStatus"), Is.EqualTo("Failed"));
            Assert.That(cause.Text("SecondaryStatus"), Is.EqualTo("Failed"));
            Assert.That(reason, Has.Length.EqualTo(1024));
            Assert.That(reason, Does.StartWith("ValueError: the training data has no label column. xxx"));
        });
    }

    [Test]
    public async Task A_job_that_exits_without_writing_output_failure_reports_its_exit_code_and_last_lines()
    {
        var outcome = await _environment.CallAsync(TrainingRequests.Sync, TrainingRequests.Create("exit-three", "exits:v1"));

        var reason = ((JsonObject)JsonValue.Parse(outcome.Cause!)).Text("FailureReason");
        Assert.That(reason, Does.Contain("exited with code 3").And.Contain("the data is not what I expected"));
    }

    [Test]
    public async Task MaxRuntimeInSeconds_stops_the_job_with_SIGTERM_and_still_uploads_the_model()
    {
        var outcome = await _environment.CallAsync(TrainingRequests.Sync,
            TrainingRequests.Create("too-slow", "slow:v1", stoppingCondition: """{"MaxRuntimeInSeconds": 1}"""));

        Assert.That(outcome.Error, Is.EqualTo(ErrorNames.TaskFailed));
        var cause = (JsonObject)JsonValue.Parse(outcome.Cause!);
        Assert.That(cause.Text("TrainingJobStatus"), Is.EqualTo("Stopped"));
        Assert.That(cause.Text("SecondaryStatus"), Is.EqualTo("MaxRuntimeExceeded"));
        Assert.That(SignalRecordedIn("too-slow"), Is.EqualTo("SIGTERM"), "the trainer is asked to stop first, and what it saved is uploaded");
    }

    [Test]
    public async Task Cancelling_the_task_stops_the_job_with_SIGTERM_first()
    {
        using var cancellation = new CancellationTokenSource();
        var call = _environment.CallAsync(TrainingRequests.Sync, TrainingRequests.Create("stopped", "slow:v1"), cancellationToken: cancellation.Token).AsTask();
        await WaitForAsync(() => _environment.Observer.Lines.Any(l => l.Job.Name == "stopped" && l.Line == "training slowly"));

        await cancellation.CancelAsync();

        Assert.That(async () => await call, Throws.InstanceOf<OperationCanceledException>());
        var description = _environment.Backends.Training.Describe("stopped")!.Describe(SageBuild.Local.Shapes.TimestampFormat.Iso8601);
        Assert.That(description.Text("TrainingJobStatus"), Is.EqualTo("Stopped"));
        Assert.That(description.Text("SecondaryStatus"), Is.EqualTo("Stopped"));
        Assert.That(SignalRecordedIn("stopped"), Is.EqualTo("SIGTERM"));
    }

    [Test]
    public async Task A_trainer_that_ignores_SIGTERM_is_killed_after_the_grace_period()
    {
        using var cancellation = new CancellationTokenSource();
        var call = _environment.CallAsync(TrainingRequests.Sync, TrainingRequests.Create("stubborn", "stubborn:v1"), cancellationToken: cancellation.Token).AsTask();
        await WaitForAsync(() => _environment.Observer.Lines.Any(l => l.Job.Name == "stubborn" && l.Line == "training slowly"));
        var trainer = Process.GetProcesses().Where(p => SafeCommandLine(p).Contains("--ignore-term", StringComparison.Ordinal)).Select(p => p.Id).ToList();

        await cancellation.CancelAsync();

        Assert.That(async () => await call, Throws.InstanceOf<OperationCanceledException>());
        Assert.That(_environment.Backends.Training.Describe("stubborn")!.Status, Is.EqualTo("Stopped"));
        Assert.That(trainer, Is.Not.Empty, "the trainer process was found while it ran");
        Assert.That(trainer.Where(IsAlive), Is.Empty, "SIGKILL ended it");
        Assert.That(SignalRecordedIn("stubborn"), Is.Null, "it never handled SIGTERM");
    }

    [Test]
    public async Task Starting_a_job_again_by_name_returns_it_instead_of_running_it_twice()
    {
        var first = await _environment.SucceedAsync(TrainingRequests.Sync, TrainingRequests.Create("once", "model:v1"));
        var again = await _environment.SucceedAsync(TrainingRequests.Sync, TrainingRequests.Create("once", "model:v1"));

        Assert.That(again, Is.EqualTo(first));
        Assert.That(_environment.Observer.Started.Count(j => j.Name == "once"), Is.EqualTo(1));
    }

    [Test]
    public async Task A_running_job_is_awaited_by_a_second_call_not_restarted()
    {
        var started = await _environment.SucceedAsync(TrainingRequests.Start, TrainingRequests.Create("shared", "model:v1"));
        var awaited = await _environment.SucceedAsync(TrainingRequests.Sync, TrainingRequests.Create("shared", "model:v1"));

        Assert.That(started.Text("TrainingJobArn"), Is.EqualTo(awaited.Text("TrainingJobArn")));
        Assert.That(awaited.Text("TrainingJobStatus"), Is.EqualTo("Completed"));
        Assert.That(_environment.Observer.Started.Count(j => j.Name == "shared"), Is.EqualTo(1));
    }

    [Test]
    public async Task A_completed_job_is_still_known_after_the_backends_restart()
    {
        var first = await _environment.SucceedAsync(TrainingRequests.Sync, TrainingRequests.Create("durable", "model:v1"));
        await _environment.RestartAsync();

        var again = await _environment.SucceedAsync(TrainingRequests.Sync, TrainingRequests.Create("durable", "model:v1"));

        Assert.That(again.Text("TrainingJobStatus"), Is.EqualTo("Completed"));
        Assert.That(again["CreationTime"], Is.EqualTo(first["CreationTime"]), "it is the same job, not a new run");
        Assert.That(_environment.Observer.Started.Count(j => j.Name == "durable"), Is.EqualTo(1));
    }

    [Test]
    public async Task A_hyperparameter_that_is_not_a_string_is_refused_with_the_field_named()
    {
        var outcome = await _environment.CallAsync(TrainingRequests.Sync, TrainingRequests.Create("typed", "model:v1", hyperParameters: """{"epochs": 3}"""));

        Assert.That(outcome.Error, Is.EqualTo("SageMaker.AmazonSageMakerException"));
        Assert.That(outcome.Cause, Does.Contain("HyperParameters.epochs must be a string"));
    }

    [Test]
    public async Task An_unknown_image_fails_the_job_with_a_client_error_that_says_how_to_provide_it()
    {
        var outcome = await _environment.CallAsync(TrainingRequests.Sync,
            TrainingRequests.Create("no-image", "123456789012.dkr.ecr.us-east-1.amazonaws.com/nowhere:Training_v9"));

        var reason = ((JsonObject)JsonValue.Parse(outcome.Cause!)).Text("FailureReason");
        Assert.That(reason, Does.StartWith("ClientError:").And.Contain("nowhere:Training_v9").And.Contain("IMAGE_TAG"));
    }

    [Test]
    public async Task A_channel_without_objects_fails_the_job_naming_the_channel_and_uri()
    {
        var request = TrainingRequests.Create("no-data", "model:v1").Replace("s3://sagebuild-data/train", "s3://sagebuild-data/missing", StringComparison.Ordinal);

        var outcome = await _environment.CallAsync(TrainingRequests.Sync, request);

        var reason = ((JsonObject)JsonValue.Parse(outcome.Cause!)).Text("FailureReason");
        Assert.That(reason, Does.Contain("channel 'train'").And.Contain("s3://sagebuild-data/missing"));
    }

    private string? SignalRecordedIn(string job)
    {
        var archive = _environment.Backends.Artifacts.LocalPath($"s3://sagebuild-artifacts/models/{job}/output/model.tar.gz");
        var directory = Path.Combine(_environment.Root, "signal-" + job);
        TarGz.Unpack(archive, directory);
        var file = Path.Combine(directory, "signal.txt");
        return File.Exists(file) ? File.ReadAllText(file) : null;
    }

    private static bool IsAlive(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static string SafeCommandLine(Process process)
    {
        try
        {
            return File.ReadAllText($"/proc/{process.Id}/cmdline").Replace('\0', ' ');
        }
        catch (IOException)
        {
            return "";
        }
        catch (UnauthorizedAccessException)
        {
            return "";
        }
    }

    internal static async Task WaitForAsync(Func<bool> condition, int seconds = 30)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(seconds))
                Assert.Fail("the condition did not become true in time");
            await Task.Delay(20);
        }
    }
}
