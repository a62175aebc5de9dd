using System.Diagnostics;
using SageBuild.Local.Artifacts;
using SageBuild.StateMachines.Json;
using SageBuild.Tests.Local.Training;

namespace SageBuild.Tests.Local.Hosting;

/// <summary>Creates models, configs and endpoints through the integrations, with the JSON a pipeline sends.</summary>
internal static class HostingSetup
{
    public const string Describe = "arn:aws:states:::aws-sdk:sagemaker:describeEndpoint";

    /// <summary>Puts a model.tar.gz holding <c>model.json</c> with <paramref name="weight"/> and <paramref name="version"/>.</summary>
    public static string PutModelArtifact(LocalTestEnvironment environment, string version, double weight)
    {
        var directory = Path.Combine(environment.Root, "model-" + version);
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "model.json"), JsonObject.Create(("weight", weight), ("version", version)).ToJson());
        var uri = $"s3://sagebuild-artifacts/models/{version}/output/model.tar.gz";
        environment.Backends.Artifacts.Write(uri, path => TarGz.Pack(directory, path));
        return uri;
    }

    public static async Task CreateModelAsync(LocalTestEnvironment environment, string name, string modelDataUrl, string environmentJson = "{}", string image = "model:v1") =>
        await environment.SucceedAsync("arn:aws:states:::sagemaker:createModel", $$$"""
            {
              "ModelName": "{{{name}}}",
              "ExecutionRoleArn": "arn:aws:iam::123456789012:role/SageBuildHosting",
              "PrimaryContainer": {"Image": "{{{image}}}", "ModelDataUrl": "{{{modelDataUrl}}}", "Environment": {{{environmentJson}}}}
            }
            """);

    public static async Task CreateConfigAsync(LocalTestEnvironment environment, string name, params (string Variant, string Model, double Weight)[] variants)
    {
        var list = string.Join(",", variants.Select(v => $$"""
            {"VariantName": "{{v.Variant}}", "ModelName": "{{v.Model}}", "InitialInstanceCount": 1, "InstanceType": "ml.t2.medium", "InitialVariantWeight": {{v.Weight}}}
            """));
        await environment.SucceedAsync("arn:aws:states:::sagemaker:createEndpointConfig", $$"""{"EndpointConfigName": "{{name}}", "ProductionVariants": [{{list}}]}""");
    }

    /// <summary>A model and a one-variant config named <paramref name="name"/>, serving weight and version.</summary>
    public static async Task CreateModelAndConfigAsync(LocalTestEnvironment environment, string name, string version, double weight, string environmentJson = "{}")
    {
        await CreateModelAsync(environment, name, PutModelArtifact(environment, version, weight), environmentJson);
        await CreateConfigAsync(environment, name, ("AllTraffic", name, 1));
    }

    /// <summary>Polls describeEndpoint, as the pipeline's Wait/Describe/Choice loop does, until the endpoint settles.</summary>
    public static async Task<JsonObject> WaitUntilSettledAsync(LocalTestEnvironment environment, string endpoint)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var description = await environment.SucceedAsync(Describe, $$"""{"EndpointName": "{{endpoint}}"}""");
            if (description.Text("EndpointStatus") is not ("Creating" or "Updating" or "SystemUpdating"))
                return description;
            if (clock.Elapsed > TimeSpan.FromSeconds(90))
                Assert.Fail($"endpoint {endpoint} is still {description.Text("EndpointStatus")}");
            await Task.Delay(20);
        }
    }

    public static async Task<JsonObject> CreateEndpointAsync(LocalTestEnvironment environment, string endpoint, string config)
    {
        var created = await environment.SucceedAsync("arn:aws:states:::sagemaker:createEndpoint", $$"""{"EndpointName": "{{endpoint}}", "EndpointConfigName": "{{config}}"}""");
        Assert.That(created.Text("EndpointArn"), Is.EqualTo($"arn:aws:sagemaker:us-east-1:123456789012:endpoint/{endpoint}"));
        return await WaitUntilSettledAsync(environment, endpoint);
    }

    public static Task<JsonObject> UpdateEndpointAsync(LocalTestEnvironment environment, string endpoint, string config) =>
        environment.SucceedAsync("arn:aws:states:::sagemaker:updateEndpoint", $$"""{"EndpointName": "{{endpoint}}", "EndpointConfigName": "{{config}}"}""");

    public static async Task<(int Status, JsonObject? Body, HttpResponseMessage Response)> InvokeAsync(HttpClient client, string url, double x = 1)
    {
        using var content = new StringContent($$"""{"x": {{x}}}""", System.Text.Encoding.UTF8, "application/json");
        var response = await client.PostAsync(url, content);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, text.StartsWith('{') ? (JsonObject)JsonValue.Parse(text) : null, response);
    }

    public static bool IsAlive(int pid)
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
}
