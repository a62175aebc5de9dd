using SageBuild.Local.Artifacts;
using SageBuild.StateMachines.Json;
using SageBuild.Tests.Local.Training;

namespace SageBuild.Tests.Local.Hosting;

public sealed class HostingValidationTests
{
    private LocalTestEnvironment _environment = null!;

    [SetUp]
    public async Task StartAsync() => _environment = await LocalTestEnvironment.StartAsync();

    [TearDown]
    public async Task StopAsync() => await _environment.DisposeAsync();

    [Test]
    public async Task CreateModel_refuses_model_data_that_does_not_exist()
    {
        var outcome = await _environment.CallAsync("arn:aws:states:::sagemaker:createModel",
            """{"ModelName": "ghost", "PrimaryContainer": {"Image": "model:v1", "ModelDataUrl": "s3://sagebuild-artifacts/nothing/model.tar.gz"}}""");

        Assert.That(outcome.Error, Is.EqualTo("SageMaker.AmazonSageMakerException"));
        Assert.That(outcome.Cause, Does.StartWith("Could not access model data at s3://sagebuild-artifacts/nothing/model.tar.gz").And.Contain("Error Code: ValidationException"));
    }

    [Test]
    public async Task CreateModel_refuses_an_image_that_cannot_serve()
    {
        var data = HostingSetup.PutModelArtifact(_environment, "1", 2);

        var outcome = await _environment.CallAsync("arn:aws:states:::sagemaker:createModel",
            $$$"""{"ModelName": "trainer-only", "PrimaryContainer": {"Image": "failing:v1", "ModelDataUrl": "{{{data}}}"}}""");

        Assert.That(outcome.Cause, Does.Contain("has no serve command"));
    }

    [Test]
    public async Task Names_are_unique_and_a_second_create_says_which_resource_exists()
    {
        await HostingSetup.CreateModelAndConfigAsync(_environment, "churn-v1", "1", 2);

        var outcome = await _environment.CallAsync("arn:aws:states:::sagemaker:createModel",
            $$$"""{"ModelName": "churn-v1", "PrimaryContainer": {"Image": "model:v1", "ModelDataUrl": "{{{HostingSetup.PutModelArtifact(_environment, "1", 2)}}}"}}""");

        Assert.That(outcome.Cause, Does.StartWith("Cannot create already existing model \"arn:aws:sagemaker:us-east-1:123456789012:model/churn-v1\"."));
    }

    [Test]
    public async Task An_endpoint_config_must_name_existing_models()
    {
        var outcome = await _environment.CallAsync("arn:aws:states:::sagemaker:createEndpointConfig",
            """{"EndpointConfigName": "cfg", "ProductionVariants": [{"VariantName": "AllTraffic", "ModelName": "missing", "InitialInstanceCount": 1}]}""");

        Assert.That(outcome.Cause, Does.StartWith("Could not find model \"arn:aws:sagemaker:us-east-1:123456789012:model/missing\"."));
    }

    [Test]
    public async Task An_endpoint_that_is_updating_refuses_another_update()
    {
        await HostingSetup.CreateModelAndConfigAsync(_environment, "churn-v1", "1", 2);
        await HostingSetup.CreateModelAndConfigAsync(_environment, "churn-v2", "2", 3);
        await HostingSetup.CreateEndpointAsync(_environment, "churn", "churn-v1");
        await HostingSetup.UpdateEndpointAsync(_environment, "churn", "churn-v2");

        var second = await _environment.CallAsync("arn:aws:states:::sagemaker:updateEndpoint", """{"EndpointName": "churn", "EndpointConfigName": "churn-v1"}""");

        Assert.That(second.Cause, Does.StartWith("Cannot update in-progress endpoint"));
        Assert.That((await HostingSetup.WaitUntilSettledAsync(_environment, "churn")).Text("EndpointConfigName"), Is.EqualTo("churn-v2"));
    }

    [Test]
    public async Task Describe_and_delete_of_models_and_configs_use_the_AWS_SDK_shapes()
    {
        await HostingSetup.CreateModelAndConfigAsync(_environment, "churn-v1", "1", 2);

        var model = await _environment.SucceedAsync("arn:aws:states:::aws-sdk:sagemaker:describeModel", """{"ModelName": "churn-v1"}""");
        var config = await _environment.SucceedAsync("arn:aws:states:::aws-sdk:sagemaker:describeEndpointConfig", """{"EndpointConfigName": "churn-v1"}""");
        await _environment.SucceedAsync("arn:aws:states:::aws-sdk:sagemaker:deleteEndpointConfig", """{"EndpointConfigName": "churn-v1"}""");
        await _environment.SucceedAsync("arn:aws:states:::aws-sdk:sagemaker:deleteModel", """{"ModelName": "churn-v1"}""");
        var gone = await _environment.CallAsync("arn:aws:states:::aws-sdk:sagemaker:describeModel", """{"ModelName": "churn-v1"}""");

        Assert.That(model.Text("ModelArn"), Is.EqualTo("arn:aws:sagemaker:us-east-1:123456789012:model/churn-v1"));
        Assert.That(((JsonObject)model["PrimaryContainer"]).Text("Image"), Is.EqualTo("model:v1"));
        Assert.That(((JsonArray)config["ProductionVariants"]).Count, Is.EqualTo(1));
        Assert.That(gone.Error, Is.EqualTo("SageMaker.ValidationException"));
    }

    [Test]
    public async Task A_script_mode_model_is_served_through_the_inference_toolkit_handlers()
    {
        var code = Path.Combine(_environment.Root, "code");
        Directory.CreateDirectory(code);
        File.Copy(Path.Combine(LocalTestEnvironment.FixturesDirectory, "script_mode_inference.py"), Path.Combine(code, "inference.py"));
        _environment.Backends.Artifacts.Write("s3://sagebuild-code/versions/inference/v1.tar.gz", path => TarGz.Pack(code, path));
        var model = Path.Combine(_environment.Root, "script-model");
        Directory.CreateDirectory(model);
        File.WriteAllText(Path.Combine(model, "model.json"), """{"factor": 4}""");
        _environment.Backends.Artifacts.Write("s3://sagebuild-artifacts/script/model.tar.gz", path => TarGz.Pack(model, path));
        await HostingSetup.CreateModelAsync(_environment, "scripted", "s3://sagebuild-artifacts/script/model.tar.gz",
            """{"SAGEMAKER_PROGRAM": "inference.py", "SAGEMAKER_SUBMIT_DIRECTORY": "s3://sagebuild-code/versions/inference/v1.tar.gz"}""",
            image: "763104351884.dkr.ecr.us-east-1.amazonaws.com/pytorch-inference:2.1-cpu-py310");
        await HostingSetup.CreateConfigAsync(_environment, "scripted", ("AllTraffic", "scripted", 1));
        Assert.That((await HostingSetup.CreateEndpointAsync(_environment, "scripted", "scripted")).Text("EndpointStatus"), Is.EqualTo("InService"));

        using var client = new HttpClient();
        var (status, body, _) = await HostingSetup.InvokeAsync(client, _environment.Backends.EndpointUrl("scripted"), x: 2.5);

        Assert.That(status, Is.EqualTo(200));
        Assert.That(((JsonNumber)body!["scaled"]).Value, Is.EqualTo(10));
    }

    [Test]
    public async Task Data_capture_records_requests_and_responses_as_json_lines_in_the_artifact_store()
    {
        await HostingSetup.CreateModelAsync(_environment, "churn-v1", HostingSetup.PutModelArtifact(_environment, "1", 2));
        await _environment.SucceedAsync("arn:aws:states:::sagemaker:createEndpointConfig", """
            {
              "EndpointConfigName": "captured",
              "ProductionVariants": [{"VariantName": "AllTraffic", "ModelName": "churn-v1", "InitialInstanceCount": 1, "InstanceType": "ml.t2.medium"}],
              "DataCaptureConfig": {
                "EnableCapture": true, "InitialSamplingPercentage": 100, "DestinationS3Uri": "s3://sagebuild-capture/data",
                "CaptureOptions": [{"CaptureMode": "Input"}, {"CaptureMode": "Output"}]
              }
            }
            """);
        await HostingSetup.CreateEndpointAsync(_environment, "churn", "captured");
        using var client = new HttpClient();

        for (var x = 1; x <= 3; x++)
            await HostingSetup.InvokeAsync(client, _environment.Backends.EndpointUrl("churn"), x);

        var files = _environment.Backends.Artifacts.List("s3://sagebuild-capture/data/churn/AllTraffic/").ToList();
        Assert.That(files, Has.Count.EqualTo(1));
        Assert.That(files[0].RelativeKey, Does.Match(@"^\d{4}/\d{2}/\d{2}/\d{2}/capture\.jsonl$"));
        var records = File.ReadAllLines(files[0].Path).Select(l => (JsonObject)((JsonObject)JsonValue.Parse(l))["captureData"]).ToList();
        Assert.That(records.Select(r => ((JsonObject)r["endpointInput"]).Text("data")), Is.EqualTo(new[] { """{"x": 1}""", """{"x": 2}""", """{"x": 3}""" }));
        Assert.That(((JsonObject)records[0]["endpointInput"]).Text("encoding"), Is.EqualTo("JSON"));
        Assert.That(((JsonObject)records[0]["endpointOutput"]).Text("data"), Does.Contain("\"prediction\": 2.0"));
    }
}
