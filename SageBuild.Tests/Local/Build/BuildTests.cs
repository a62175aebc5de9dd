using System.Diagnostics;
using SageBuild.Local.Build;
using SageBuild.StateMachines.Json;
using SageBuild.StateMachines.Model;
using SageBuild.Tests.Local.Training;

namespace SageBuild.Tests.Local.Build;

public sealed class BuildTests
{
    private const string StartBuildSync = "arn:aws:states:::codebuild:startBuild.sync";

    private LocalTestEnvironment _environment = null!;
    private string _source = null!;

    [SetUp]
    public async Task StartAsync()
    {
        _source = Path.Combine(Path.GetTempPath(), "sagebuild-source-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(Path.Combine(_source, "src"));
        File.WriteAllText(Path.Combine(_source, "src", "model.txt"), "committed model");
        _environment = await LocalTestEnvironment.StartAsync(o => o with
        {
            BuildProjects = new Dictionary<string, LocalBuildProject>
            {
                ["churn-model"] = new(_source) { Environment = new Dictionary<string, string> { ["FROM_PROJECT"] = "project", ["SHADOWED"] = "project" } },
            },
        });
    }

    [TearDown]
    public async Task StopAsync()
    {
        await _environment.DisposeAsync();
        Directory.Delete(_source, recursive: true);
    }

    [Test]
    public async Task Phases_run_in_order_in_one_shell_session_and_the_log_is_captured()
    {
        WriteBuildspec("""
            version: 0.2
            env:
              variables:
                GREETING: hello
                SHADOWED: buildspec
            phases:
              post_build:
                commands:
                  - echo "post_build sees $STAGE in $(basename "$PWD")"
              install:
                commands:
                  - echo "install says $GREETING"
                  - export STAGE=installed
              pre_build:
                commands:
                  - cd src
              build:
                commands:
                  - echo "build reads $(cat model.txt) with $FROM_PROJECT, $SHADOWED and $FROM_START"
                  - test "$CODEBUILD_BUILD_NUMBER" = 1
            """);

        var result = await _environment.SucceedAsync(StartBuildSync,
            """{"ProjectName": "churn-model", "EnvironmentVariablesOverride": [{"Name": "FROM_START", "Value": "start", "Type": "PLAINTEXT"}, {"Name": "SHADOWED", "Value": "start"}]}""");

        var build = (JsonObject)result["Build"];
        Assert.That(build.Text("BuildStatus"), Is.EqualTo("SUCCEEDED"));
        Assert.That(build.Text("Id"), Does.StartWith("churn-model:"));
        Assert.That(build["BuildComplete"], Is.EqualTo((JsonValue)true));
        Assert.That(((JsonArray)build["Phases"]).Cast<JsonObject>().Select(p => p.Text("PhaseType")), Is.EqualTo(new[]
        {
            "SUBMITTED", "DOWNLOAD_SOURCE", "INSTALL", "PRE_BUILD", "BUILD", "POST_BUILD", "UPLOAD_ARTIFACTS", "FINALIZING", "COMPLETED",
        }));
        var log = File.ReadAllLines(new Uri(((JsonObject)build["Logs"]).Text("DeepLink")).LocalPath);
        var printed = log.Where(l => !l.StartsWith("[Container]", StringComparison.Ordinal)).ToList();
        Assert.That(printed, Is.EqualTo(new[]
        {
            "install says hello",
            "build reads committed model with project, start and start",
            "post_build sees installed in src",
        }), "phases run in CodeBuild's order; cd and export carry over; precedence is start > project > buildspec");
        Assert.That(log, Does.Contain("[Container] Running command cd src").Or.Some.EndsWith("Running command cd src"));
    }

    [Test]
    public async Task A_failing_command_fails_the_build_with_its_phase_and_exit_code_and_post_build_still_runs()
    {
        WriteBuildspec("""
            version: 0.2
            phases:
              build:
                commands:
                  - echo compiling
                  - exit 3
                  - echo never
              post_build:
                commands:
                  - echo "post_build runs with CODEBUILD_BUILD_SUCCEEDING=$CODEBUILD_BUILD_SUCCEEDING"
            """);

        var outcome = await _environment.CallAsync(StartBuildSync, """{"ProjectName": "churn-model"}""");

        Assert.That(outcome.Error, Is.EqualTo(ErrorNames.TaskFailed));
        var build = (JsonObject)((JsonObject)JsonValue.Parse(outcome.Cause!))["Build"];
        Assert.That(build.Text("BuildStatus"), Is.EqualTo("FAILED"));
        var phase = ((JsonArray)build["Phases"]).Cast<JsonObject>().Single(p => p.Text("PhaseType") == "BUILD");
        Assert.That(phase.Text("PhaseStatus"), Is.EqualTo("FAILED"));
        var context = (JsonObject)((JsonArray)phase["Contexts"])[0];
        Assert.That(context.Text("StatusCode"), Is.EqualTo("COMMAND_EXECUTION_ERROR"));
        Assert.That(context.Text("Message"), Is.EqualTo("Error while executing command: exit 3. Reason: exit status 3"));
        Assert.That(_environment.Observer.Lines.Select(l => l.Line), Does.Contain("post_build runs with CODEBUILD_BUILD_SUCCEEDING=0").And.No.Contain("never"));
    }

    [Test]
    public async Task A_failing_pre_build_skips_the_build_phase()
    {
        WriteBuildspec("""
            version: 0.2
            phases:
              pre_build:
                commands:
                  - false
              build:
                commands:
                  - echo building
            """);

        var outcome = await _environment.CallAsync(StartBuildSync, """{"ProjectName": "churn-model"}""");

        var phases = ((JsonArray)((JsonObject)((JsonObject)JsonValue.Parse(outcome.Cause!))["Build"])["Phases"]).Cast<JsonObject>().Select(p => p.Text("PhaseType"));
        Assert.That(phases, Does.Contain("PRE_BUILD").And.No.Contain("BUILD"));
        Assert.That(_environment.Observer.Lines.Select(l => l.Line), Does.Not.Contain("building"));
    }

    [Test]
    public async Task A_buildspec_mistake_fails_download_source_naming_the_line()
    {
        WriteBuildspec("""
            version: 0.2
            phases:
              build:
                commands: echo not a list
            """);

        var outcome = await _environment.CallAsync(StartBuildSync, """{"ProjectName": "churn-model"}""");

        var phase = ((JsonArray)((JsonObject)((JsonObject)JsonValue.Parse(outcome.Cause!))["Build"])["Phases"]).Cast<JsonObject>().Last(p => p.ContainsKey("Contexts"));
        var context = (JsonObject)((JsonArray)phase["Contexts"])[0];
        Assert.That(phase.Text("PhaseType"), Is.EqualTo("DOWNLOAD_SOURCE"));
        Assert.That(context.Text("StatusCode"), Is.EqualTo("YAML_FILE_ERROR"));
        Assert.That(context.Text("Message"), Is.EqualTo("buildspec.yml line 4: phases.build.commands must be a list"));
    }

    [Test]
    public async Task A_build_with_a_SourceVersion_builds_that_commit_not_the_working_tree()
    {
        WriteBuildspec("""
            version: 0.2
            phases:
              build:
                commands:
                  - cat src/model.txt
            """);
        var commit = Git("init", "-q") + Git("add", "-A") + Git("-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-qm", "one") + Git("rev-parse", "HEAD");
        File.WriteAllText(Path.Combine(_source, "src", "model.txt"), "uncommitted edit");

        var result = await _environment.SucceedAsync(StartBuildSync, $$"""{"ProjectName": "churn-model", "SourceVersion": "{{commit.Trim()}}"}""");

        Assert.That(((JsonObject)result["Build"]).Text("ResolvedSourceVersion"), Is.EqualTo(commit.Trim()));
        Assert.That(_environment.Observer.Lines.Select(l => l.Line), Does.Contain("committed model").And.No.Contain("uncommitted edit"));
    }

    [Test]
    public async Task A_build_records_its_image_under_IMAGE_REPO_NAME_and_IMAGE_TAG_for_training_to_use()
    {
        File.Copy(Path.Combine(LocalTestEnvironment.FixturesDirectory, "model.py"), Path.Combine(_source, "src", "model.py"));
        WriteBuildspec($"""
            version: 0.2
            phases:
              build:
                commands:
                  - mkdir -p publish && cp src/model.py publish/
            artifacts:
              base-directory: publish
              files:
                - '**/*'
            image:
              entrypoint: {LocalTestEnvironment.Python} model.py
            """);

        var result = await _environment.SucceedAsync(StartBuildSync, """
            {"ProjectName": "churn-model", "EnvironmentVariablesOverride": [{"Name": "IMAGE_REPO_NAME", "Value": "churn"}, {"Name": "IMAGE_TAG", "Value": "Training_v7"}]}
            """);
        TrainingRequests.PutTrainingData(_environment);
        var description = await _environment.SucceedAsync(TrainingRequests.Sync,
            TrainingRequests.Create("from-build", "123456789012.dkr.ecr.us-east-1.amazonaws.com/churn:Training_v7"));

        Assert.That(_environment.Backends.Images.TryResolve("churn:Training_v7", out var image), Is.True);
        Assert.That(image.BuildId, Is.EqualTo(((JsonObject)result["Build"]).Text("Id")));
        Assert.That(File.Exists(Path.Combine(image.WorkingDirectory!, "model.py")), "the image's files are the build's artifacts");
        Assert.That(description.Text("TrainingJobStatus"), Is.EqualTo("Completed"));
    }

    [Test]
    public async Task Stopping_a_build_kills_everything_it_started()
    {
        WriteBuildspec("""
            version: 0.2
            phases:
              build:
                commands:
                  - sleep 60 & echo $! > "$CODEBUILD_SRC_DIR/../sleeper.pid"; echo started; wait
            """);
        using var cancellation = new CancellationTokenSource();
        var call = _environment.CallAsync(StartBuildSync, """{"ProjectName": "churn-model"}""", cancellationToken: cancellation.Token).AsTask();
        await TrainingLifecycleTests.WaitForAsync(() => _environment.Observer.Lines.Any(l => l.Line == "started"));
        var pidFile = Directory.GetFiles(Path.Combine(_environment.DataDirectory, "builds", "churn-model"), "sleeper.pid", SearchOption.AllDirectories).Single();
        var sleeper = int.Parse(File.ReadAllText(pidFile).Trim(), System.Globalization.CultureInfo.InvariantCulture);

        await cancellation.CancelAsync();

        Assert.That(async () => await call, Throws.InstanceOf<OperationCanceledException>());
        Assert.That(HostingSetupProcess.IsAlive(sleeper), Is.False, "the background child was in the build's process group");
        Assert.That(_environment.Observer.Statuses.Last(s => s.Job.Kind == SageBuild.Local.Jobs.LocalJobKind.Build).Status, Is.EqualTo("STOPPED"));
    }

    [Test]
    public async Task A_re_driven_task_finds_the_build_it_started_and_exported_variables_are_returned()
    {
        WriteBuildspec("""
            version: 0.2
            env:
              exported-variables:
                - MODEL_HASH
            phases:
              build:
                commands:
                  - export MODEL_HASH=abc123
            """);

        var first = await _environment.SucceedAsync(StartBuildSync, """{"ProjectName": "churn-model"}""");
        var again = await _environment.SucceedAsync(StartBuildSync, """{"ProjectName": "churn-model"}""");
        var retry = await _environment.CallAsync(StartBuildSync, """{"ProjectName": "churn-model"}""", attempt: 1);

        var build = (JsonObject)first["Build"];
        Assert.That(((JsonObject)again["Build"]).Text("Id"), Is.EqualTo(build.Text("Id")), "same execution, state and attempt: the same build");
        Assert.That(((JsonObject)((JsonObject)retry.Result!)["Build"])["BuildNumber"], Is.EqualTo((JsonValue)2), "a retry is a new build");
        Assert.That(build["ExportedEnvironmentVariables"], Is.EqualTo(JsonValue.Parse("""[{"Name": "MODEL_HASH", "Value": "abc123"}]""")));
    }

    [Test]
    public async Task An_unknown_project_without_a_source_location_is_refused()
    {
        var outcome = await _environment.CallAsync(StartBuildSync, """{"ProjectName": "nobody"}""");

        Assert.That(outcome.Error, Is.EqualTo("CodeBuild.AWSCodeBuildException"));
        Assert.That(outcome.Cause, Does.Contain("'nobody' is not in LocalBackendsOptions.BuildProjects"));
    }

    private void WriteBuildspec(string yaml) => File.WriteAllText(Path.Combine(_source, "buildspec.yml"), yaml);

    private string Git(params string[] arguments)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = _source, RedirectStandardOutput = true };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.That(process.ExitCode, Is.Zero, $"git {string.Join(' ', arguments)} failed");
        return output;
    }
}

internal static class HostingSetupProcess
{
    public static bool IsAlive(int pid) => Hosting.HostingSetup.IsAlive(pid) && !File.ReadAllText($"/proc/{pid}/stat").Contains(") Z ", StringComparison.Ordinal);
}
