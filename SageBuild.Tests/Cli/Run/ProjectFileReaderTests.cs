using SageBuild.Cli.Projects;
using SageBuild.StateMachines.Json;
using SageBuild.Tests.Support;

namespace SageBuild.Tests.Cli.Run;

/// <summary>sagebuild.yaml: the examples read, and every mistake named by its key, the pipeline section by the pipeline's own rules.</summary>
public sealed class ProjectFileReaderTests
{
    [TestCase("failure-predictor-python", "failure-predictor", "validation:auc")]
    [TestCase("taxi-fare-mlnet", "taxi-fare", "validation:rmse")]
    public void The_examples_project_files_are_valid(string example, string name, string gateMetric)
    {
        var project = ProjectFileReader.Read(Path.Combine(RepositoryPaths.Root, "examples", example));

        Assert.That(project.Name, Is.EqualTo(name));
        Assert.That(project.Data.Keys, Is.EquivalentTo(new[] { "train", "validation" }));
        var document = project.ConfigurationDocument();
        Assert.That(((JsonString)((JsonObject)document["gate"])["metric"]).Value, Is.EqualTo(gateMetric));
        var channels = (JsonArray)((JsonObject)document["training"])["channels"];
        Assert.That(((JsonString)((JsonObject)channels[0])["uri"]).Value, Is.EqualTo($"s3://sagebuild-{name}-data/data/train/"));
        Assert.That(((JsonObject)document["guardrails"])["pollSeconds"], Is.EqualTo((JsonValue)JsonNumber.From(1)), "a local endpoint is checked every second");
    }

    [Test]
    public void Every_mistake_is_reported_at_once_naming_its_key()
    {
        using var folder = new TemporaryDirectory();
        const string yaml = """
            name: Bad_Name
            colour: blue
            image:
              train: python3 train.py
            data:
              train: no/such/folder
            """;

        var error = Assert.Throws<ProjectFileException>(() => ProjectFileReader.Parse(yaml, folder.Path))!;

        Assert.That(error.Errors, Has.Some.StartsWith("colour (line 2): is not a key of a project file"));
        Assert.That(error.Errors, Has.Some.StartsWith("name (line 1): 'Bad_Name' must be 1 to 19 lower-case letters"));
        Assert.That(error.Errors, Has.Some.StartsWith("buildspec: no file at 'buildspec.yml'"));
        Assert.That(error.Errors, Has.Some.StartsWith("image.serve (line 4): is required"));
        Assert.That(error.Errors, Has.Some.StartsWith("data.train (line 6): no folder at 'no/such/folder'"));
    }

    [Test]
    public void The_pipeline_section_is_checked_with_the_pipeline_configurations_rules()
    {
        using var folder = new TemporaryDirectory();
        File.WriteAllText(folder.File("buildspec.yml"), "version: 0.2\n");
        const string yaml = """
            name: churn
            image: {train: python3 train.py, serve: python3 serve.py}
            pipeline:
              training:
                instanceCount: 0
              gate:
                metric: "validation:auc"
                direction: upwards
            """;

        var error = Assert.Throws<ProjectFileException>(() => ProjectFileReader.Parse(yaml, folder.Path))!;

        Assert.That(error.Errors, Has.Some.StartsWith("pipeline.training.instanceCount: "));
        Assert.That(error.Errors, Has.Some.StartsWith("pipeline.gate.direction: "));
    }

    [Test]
    public void Quoted_yaml_scalars_stay_text_and_plain_ones_are_numbers_and_booleans()
    {
        using var folder = new TemporaryDirectory();
        File.WriteAllText(folder.File("buildspec.yml"), "version: 0.2\n");
        const string yaml = """
            name: churn
            image: {train: t, serve: s}
            pipeline:
              deployEndpoint: false
              training:
                hyperparameters: {depth: 4, rate: 0.25, tag: "0.10"}
            """;

        var project = ProjectFileReader.Parse(yaml, folder.Path);

        Assert.That(project.Pipeline["deployEndpoint"], Is.EqualTo((JsonValue)JsonBoolean.False));
        var hyperparameters = (JsonObject)((JsonObject)project.Pipeline["training"])["hyperparameters"];
        Assert.That(hyperparameters["depth"], Is.EqualTo((JsonValue)JsonNumber.From(4)));
        Assert.That(((JsonNumber)hyperparameters["rate"]).Value, Is.EqualTo(0.25));
        Assert.That(hyperparameters["tag"], Is.EqualTo((JsonValue)JsonString.From("0.10")));
    }
}
