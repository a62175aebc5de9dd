using SageBuild.Local.Build;
using SageBuild.Local.Images;
using SageBuild.StateMachines.Json;
using SageBuild.Tests.Local.Training;

namespace SageBuild.Tests.Local.Build;

/// <summary>The builds <c>sagebuild run</c> asks for: the project folder as it is, and the image its project file describes.</summary>
public sealed class ProjectImageBuildTests
{
    [Test]
    public async Task A_working_copy_project_builds_the_folder_as_it_is_and_records_its_image_under_the_pipelines_repository_uri()
    {
        var source = Directory.CreateTempSubdirectory("sagebuild-project-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(source, "model.txt"), "uncommitted model\n");
            File.WriteAllText(Path.Combine(source, "buildspec.yml"), """
                version: 0.2
                phases:
                  build:
                    commands:
                      - cat model.txt
                      - mkdir -p dist && cp model.txt dist/
                artifacts:
                  base-directory: dist
                  files: ['**/*']
                """);
            await using var environment = await LocalTestEnvironment.StartAsync(o => o with
            {
                BuildProjects = new Dictionary<string, LocalBuildProject>
                {
                    ["images"] = new(source) { UsesWorkingCopy = true, Image = new LocalImage { TrainCommand = "exec python3 train.py", ServeCommand = "exec python3 serve.py" } },
                },
            });

            // The pipeline pins image builds to a commit or branch; a folder that is not even a git repository still builds.
            var result = await environment.SucceedAsync("arn:aws:states:::codebuild:startBuild.sync", """
                {"ProjectName": "images", "SourceVersion": "main", "EnvironmentVariablesOverride": [
                  {"Name": "IMAGE_REPOSITORY_URI", "Value": "000000000000.dkr.ecr.us-east-1.amazonaws.com/sagebuild-x-training"},
                  {"Name": "IMAGE_TAG", "Value": "Training_v3"}]}
                """);

            Assert.That(((JsonObject)result["Build"]).Text("BuildStatus"), Is.EqualTo("SUCCEEDED"));
            Assert.That(environment.Observer.Lines.Select(l => l.Line), Does.Contain("uncommitted model"));
            Assert.That(environment.Backends.Images.TryResolve("sagebuild-x-training:Training_v3", out var image), Is.True, "recorded under the repository of IMAGE_REPOSITORY_URI");
            Assert.That(image.TrainCommand, Is.EqualTo("exec python3 train.py"));
            Assert.That(image.ServeCommand, Is.EqualTo("exec python3 serve.py"));
            Assert.That(File.Exists(Path.Combine(image.WorkingDirectory!, "model.txt")), "the image runs in the build's artifacts");
        }
        finally
        {
            Directory.Delete(source, recursive: true);
        }
    }
}
