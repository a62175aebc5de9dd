using SageBuild.Local.Artifacts;
using SageBuild.StateMachines.Json;

namespace SageBuild.Tests.Local.Training;

public sealed class TrainingContractTests
{
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
    public async Task A_completed_job_returns_DescribeTrainingJob_with_the_model_tar_gz_under_the_output_path()
    {
        var description = await _environment.SucceedAsync(TrainingRequests.Sync, TrainingRequests.Create("churn-v1", "model:v1"));

        Assert.Multiple(() =>
        {
            Assert.That(description.Text("TrainingJobName"), Is.EqualTo("churn-v1"));
            Assert.That(description.Text("TrainingJobArn"), Is.EqualTo("arn:aws:sagemaker:us-east-1:123456789012:training-job/churn-v1"));
            Assert.That(description.Text("TrainingJobStatus"), Is.EqualTo("Completed"));
            Assert.That(description.Text("SecondaryStatus"), Is.EqualTo("Completed"));
            Assert.That(((JsonObject)description["ModelArtifacts"]).Text("S3ModelArtifacts"), Is.EqualTo("s3://sagebuild-artifacts/models/churn-v1/output/model.tar.gz"));
            Assert.That(description["HyperParameters"], Is.EqualTo(JsonValue.Parse("""{"epochs": "3", "weight": "2", "learning_rate": "0.1"}""")));
            Assert.That(description["CreationTime"], Is.InstanceOf<JsonNumber>(), "optimized integrations give epoch milliseconds");
            Assert.That(((JsonArray)description["SecondaryStatusTransitions"]).Select(t => ((JsonObject)t).Text("Status")),
                Is.EqualTo(new[] { "Starting", "Downloading", "Training", "Uploading", "Completed" }));
        });

        var archive = _environment.Backends.Artifacts.LocalPath("s3://sagebuild-artifacts/models/churn-v1/output/model.tar.gz");
        Assert.That(TarGz.List(archive), Is.SupersetOf(new[] { "model.json", "nested/note.txt", "contract.json" }), "model/ is packed with its folders, without a top folder");
        var outputArchive = _environment.Backends.Artifacts.LocalPath("s3://sagebuild-artifacts/models/churn-v1/output/output.tar.gz");
        Assert.That(TarGz.List(outputArchive), Is.EqualTo(new[] { "summary.txt" }), "output/data is packed into output.tar.gz");
    }

    [Test]
    public async Task The_job_gets_the_opt_ml_layout_and_the_training_toolkit_environment()
    {
        await _environment.SucceedAsync(TrainingRequests.Sync, TrainingRequests.Create("layout-check", "model:v1"));
        var contract = ReadContract("layout-check");
        var env = (JsonObject)contract["env"];
        var files = (JsonObject)contract["files"];
        var root = env.Text("SAGEMAKER_BASE_DIR");

        Assert.Multiple(() =>
        {
            Assert.That(root, Does.StartWith(_environment.DataDirectory).And.Not.StartWith("/opt/ml"));
            Assert.That(files["hyperparameters.json"], Is.EqualTo(JsonValue.Parse("""{"epochs": "3", "weight": "2", "learning_rate": "0.1"}""")), "every value stays a string");
            Assert.That(files["inputdataconfig.json"], Is.EqualTo(JsonValue.Parse(
                """{"train": {"ContentType": "text/csv", "TrainingInputMode": "File", "S3DistributionType": "FullyReplicated", "RecordWrapperType": "None"}}""")));
            var resources = (JsonObject)files["resourceconfig.json"];
            Assert.That(resources.Text("current_host"), Is.EqualTo("algo-1"));
            Assert.That(resources["hosts"], Is.EqualTo(JsonValue.Parse("""["algo-1"]""")));
            Assert.That(resources.Text("network_interface_name"), Is.EqualTo("eth0"));

            Assert.That(env.Text("SM_MODEL_DIR"), Is.EqualTo(Path.Combine(root, "model")));
            Assert.That(env.Text("SM_CHANNELS"), Is.EqualTo("""["train"]"""));
            Assert.That(env.Text("SM_CHANNEL_TRAIN"), Is.EqualTo(Path.Combine(root, "input", "data", "train")));
            Assert.That(JsonValue.Parse(env.Text("SM_HPS")), Is.EqualTo(JsonValue.Parse("""{"epochs": 3, "learning_rate": 0.1, "weight": 2}""")), "values are read as JSON");
            Assert.That(env.Text("SM_HP_EPOCHS"), Is.EqualTo("3"));
            Assert.That(env.Text("SM_HP_LEARNING_RATE"), Is.EqualTo("0.1"));
            Assert.That(env.Text("SM_OUTPUT_DATA_DIR"), Is.EqualTo(Path.Combine(root, "output", "data")));
            Assert.That(env.Text("SM_OUTPUT_DIR"), Is.EqualTo(Path.Combine(root, "output")));
            Assert.That(env.Text("SM_INPUT_DIR"), Is.EqualTo(Path.Combine(root, "input")));
            Assert.That(env.Text("SM_INPUT_CONFIG_DIR"), Is.EqualTo(Path.Combine(root, "input", "config")));
            Assert.That(int.Parse(env.Text("SM_NUM_CPUS"), System.Globalization.CultureInfo.InvariantCulture), Is.EqualTo(Environment.ProcessorCount));
            Assert.That(env.Text("SM_NUM_GPUS"), Is.EqualTo("0"));
            Assert.That(env.Text("SM_HOSTS"), Is.EqualTo("""["algo-1"]"""));
            Assert.That(env.Text("SM_CURRENT_HOST"), Is.EqualTo("algo-1"));
            Assert.That(env.Text("SM_LOG_LEVEL"), Is.EqualTo("20"));
            Assert.That(env.Text("SM_MODULE_DIR"), Is.EqualTo(Path.Combine(root, "code")));
            Assert.That(env.Text("TRAINING_JOB_NAME"), Is.EqualTo("layout-check"));
            var trainingEnv = (JsonObject)JsonValue.Parse(env.Text("SM_TRAINING_ENV"));
            Assert.That(trainingEnv.Text("job_name"), Is.EqualTo("layout-check"));
            Assert.That(((JsonObject)trainingEnv["channel_input_dirs"]).Text("train"), Is.EqualTo(Path.Combine(root, "input", "data", "train")));
            Assert.That(JsonValue.Parse(env.Text("SM_USER_ARGS")), Is.EqualTo(JsonValue.Parse("""["--epochs", "3", "--learning_rate", "0.1", "--weight", "2"]""")));
            Assert.That(contract["argv"], Is.EqualTo(JsonValue.Parse("""["--epochs", "3", "--learning_rate", "0.1", "--weight", "2"]""")),
                "a training command gets the hyperparameters as script-mode arguments, sorted by name");
        });
        Assert.That(Directory.GetFiles(Path.Combine(root, "input", "data", "train")).Select(Path.GetFileName).Order(),
            Is.EqualTo(new[] { "part-1.csv", "part-2.csv" }), "the channel's objects are copied under input/data/<channel>");
    }

    [Test]
    public async Task A_container_style_image_runs_its_entrypoint_with_train_and_no_arguments()
    {
        await _environment.SucceedAsync(TrainingRequests.Sync, TrainingRequests.Create("container-style", "container:v1"));

        Assert.That(ReadContract("container-style")["argv"], Is.EqualTo(JsonArray.Empty), "SageMaker runs `docker run image train`");
    }

    [Test]
    public async Task Metrics_are_parsed_from_the_log_and_the_last_value_is_final()
    {
        var description = await _environment.SucceedAsync(TrainingRequests.Sync, TrainingRequests.Create("metrics", "model:v1"));

        var metrics = ((JsonArray)description["FinalMetricDataList"]).Cast<JsonObject>().ToDictionary(m => m.Text("MetricName"), m => ((JsonNumber)m["Value"]).Value);
        Assert.That(metrics["train:loss"], Is.EqualTo(0.3333).Within(1e-9), "three epochs: 1, 0.5, then 0.3333");
        Assert.That(metrics["validation:accuracy"], Is.EqualTo(0.4).Within(1e-9), "weight 2 x mean 20 = 40");
        Assert.That(_environment.Observer.Metrics.Where(m => m.Name == "train:loss").Select(m => m.Value), Is.EqualTo(new[] { 1.0, 0.5, 0.3333 }),
            "every match is reported live");
    }

    [Test]
    public async Task The_log_streams_to_a_file_and_to_observers()
    {
        await _environment.SucceedAsync(TrainingRequests.Sync, TrainingRequests.Create("logged", "model:v1"));

        var log = File.ReadAllLines(Path.Combine(_environment.DataDirectory, "training", "logged", "training.log"));
        Assert.That(log, Does.Contain("epoch=3 loss=0.3333"));
        Assert.That(_environment.Observer.Lines.Where(l => l.Job.Name == "logged").Select(l => l.Line), Does.Contain("epoch=1 loss=1.0000"));
        Assert.That(_environment.Observer.HasStatus("logged", "Training") && _environment.Observer.HasStatus("logged", "Completed"));
    }

    private JsonObject ReadContract(string job)
    {
        var directory = Path.Combine(_environment.Root, "unpacked-" + job);
        TarGz.Unpack(_environment.Backends.Artifacts.LocalPath($"s3://sagebuild-artifacts/models/{job}/output/model.tar.gz"), directory);
        return (JsonObject)JsonValue.Parse(File.ReadAllText(Path.Combine(directory, "contract.json")));
    }
}
