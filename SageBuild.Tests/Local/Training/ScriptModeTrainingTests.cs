using SageBuild.Local.Artifacts;
using SageBuild.StateMachines.Json;

namespace SageBuild.Tests.Local.Training;

public sealed class ScriptModeTrainingTests
{
    [Test]
    public async Task A_framework_image_runs_the_sagemaker_program_from_the_submitted_source_with_the_users_hyperparameters_only()
    {
        await using var environment = await LocalTestEnvironment.StartAsync();
        TrainingRequests.PutTrainingData(environment);
        var source = Path.Combine(environment.Root, "source");
        Directory.CreateDirectory(source);
        File.Copy(Path.Combine(LocalTestEnvironment.FixturesDirectory, "script_mode_train.py"), Path.Combine(source, "script_mode_train.py"));
        environment.Backends.Artifacts.Write("s3://sagebuild-code/versions/training/v1.tar.gz", path => TarGz.Pack(source, path));
        var hyperParameters = """
            {"factor": "2.5", "sagemaker_program": "\"script_mode_train.py\"", "sagemaker_submit_directory": "\"s3://sagebuild-code/versions/training/v1.tar.gz\""}
            """;

        var description = await environment.SucceedAsync(TrainingRequests.Sync,
            TrainingRequests.Create("script-mode", "683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-scikit-learn:1.2-1-cpu-py3", hyperParameters));

        Assert.That(description.Text("TrainingJobStatus"), Is.EqualTo("Completed"), "argparse would have refused the sagemaker_* settings as arguments");
        Assert.That(environment.Observer.Lines.Select(l => l.Line), Does.Contain("score=25.00"));
        var unpacked = Path.Combine(environment.Root, "unpacked");
        TarGz.Unpack(environment.Backends.Artifacts.LocalPath(((JsonObject)description["ModelArtifacts"]).Text("S3ModelArtifacts")), unpacked);
        Assert.That(JsonValue.Parse(File.ReadAllText(Path.Combine(unpacked, "model.json"))), Is.EqualTo(JsonValue.Parse("""{"factor": 2.5}""")));
    }

    [Test]
    public async Task A_framework_image_without_sagemaker_program_fails_with_a_client_error_saying_so()
    {
        await using var environment = await LocalTestEnvironment.StartAsync();
        TrainingRequests.PutTrainingData(environment);

        var outcome = await environment.CallAsync(TrainingRequests.Sync, TrainingRequests.Create("no-program", "pytorch-training:2.1-cpu-py310"));

        Assert.That(((JsonObject)JsonValue.Parse(outcome.Cause!)).Text("FailureReason"), Does.StartWith("ClientError").And.Contain("sagemaker_program"));
    }
}
