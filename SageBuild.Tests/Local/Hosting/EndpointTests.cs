using SageBuild.StateMachines.Json;
using SageBuild.Tests.Local.Training;

namespace SageBuild.Tests.Local.Hosting;

public sealed class EndpointTests
{
    private LocalTestEnvironment _environment = null!;
    private HttpClient _client = null!;

    [SetUp]
    public async Task StartAsync()
    {
        _environment = await LocalTestEnvironment.StartAsync();
        _client = new HttpClient();
    }

    [TearDown]
    public async Task StopAsync()
    {
        _client.Dispose();
        await _environment.DisposeAsync();
    }

    [Test]
    public async Task An_endpoint_answers_at_its_stable_url_and_its_alias_once_in_service()
    {
        await HostingSetup.CreateModelAndConfigAsync(_environment, "churn-v1", "1", weight: 2);

        var description = await HostingSetup.CreateEndpointAsync(_environment, "churn", "churn-v1");

        Assert.Multiple(() =>
        {
            Assert.That(description.Text("EndpointStatus"), Is.EqualTo("InService"));
            Assert.That(description.Text("EndpointConfigName"), Is.EqualTo("churn-v1"));
            Assert.That(description["CreationTime"], Is.InstanceOf<JsonString>(), "the AWS SDK integration gives ISO 8601 times");
            var variant = (JsonObject)((JsonArray)description["ProductionVariants"])[0];
            Assert.That(variant.Text("VariantName"), Is.EqualTo("AllTraffic"));
            Assert.That(((JsonNumber)variant["CurrentInstanceCount"]).Value, Is.EqualTo(1));
        });
        Assert.That(_environment.Backends.EndpointUrl("churn"), Is.EqualTo($"{_environment.Backends.InvocationBaseUrl}/endpoints/churn/invocations"));
        Assert.That(_environment.Backends.InvocationBaseUrl, Does.StartWith("http://127.0.0.1:"));

        var (status, body, response) = await HostingSetup.InvokeAsync(_client, _environment.Backends.EndpointUrl("churn"), x: 21);
        Assert.That(status, Is.EqualTo(200));
        Assert.That(((JsonNumber)body!["prediction"]).Value, Is.EqualTo(42));
        Assert.That(response.Headers.GetValues("x-Amzn-Invoked-Production-Variant"), Is.EqualTo(new[] { "AllTraffic" }));

        var (aliasStatus, aliasBody, _) = await HostingSetup.InvokeAsync(_client, _environment.Backends.EndpointAliasUrl("churn"), x: 1);
        Assert.That(aliasStatus, Is.EqualTo(200));
        Assert.That(aliasBody!.Text("version"), Is.EqualTo("1"));
    }

    [Test]
    public async Task Blue_green_update_under_constant_traffic_fails_no_request_and_stops_the_old_process()
    {
        // The old version answers slowly, so requests are in flight on it when traffic switches.
        await HostingSetup.CreateModelAndConfigAsync(_environment, "churn-v1", "1", weight: 2, environmentJson: """{"INVOCATION_DELAY": "0.02"}""");
        await HostingSetup.CreateModelAndConfigAsync(_environment, "churn-v2", "2", weight: 3);
        await HostingSetup.CreateEndpointAsync(_environment, "churn", "churn-v1");
        var url = _environment.Backends.EndpointUrl("churn");

        var results = new System.Collections.Concurrent.ConcurrentQueue<(int Status, string? Version, int Pid)>();
        using var stop = new CancellationTokenSource();
        var clients = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    var (status, body, _) = await HostingSetup.InvokeAsync(_client, url);
                    results.Enqueue(status == 200
                        ? (status, body!.Text("version"), (int)((JsonNumber)body!["pid"]).Value)
                        : (status, body?.ToJson(), 0));
                }
                catch (HttpRequestException)
                {
                    results.Enqueue((0, null, 0));
                }
            }
        })).ToList();
        await TrainingLifecycleTests.WaitForAsync(() => results.Count(r => r.Version == "1") >= 20);

        await HostingSetup.UpdateEndpointAsync(_environment, "churn", "churn-v2");
        var updated = await HostingSetup.WaitUntilSettledAsync(_environment, "churn");
        var countAtSwitch = results.Count;
        await TrainingLifecycleTests.WaitForAsync(() => results.Count >= countAtSwitch + 20);
        await stop.CancelAsync();
        await Task.WhenAll(clients);

        var all = results.ToList();
        Assert.That(updated.Text("EndpointStatus"), Is.EqualTo("InService"));
        Assert.That(updated.Text("EndpointConfigName"), Is.EqualTo("churn-v2"));
        Assert.That(all.Where(r => r.Status != 200).Select(r => $"{r.Status} {r.Version}"), Is.Empty, "no request failed during the switch");
        Assert.That(all.Skip(countAtSwitch).Select(r => r.Version).Distinct(), Is.EqualTo(new[] { "2" }), "once InService, only the new version answers");
        var oldPids = all.Where(r => r.Version == "1").Select(r => r.Pid).Distinct().ToList();
        Assert.That(oldPids, Has.Count.EqualTo(1));
        Assert.That(HostingSetup.IsAlive(oldPids[0]), Is.False, "the old variant's process is gone after the switch");
    }

    [Test]
    public async Task A_failed_update_keeps_the_old_model_serving_and_reports_why()
    {
        await HostingSetup.CreateModelAndConfigAsync(_environment, "churn-v1", "1", weight: 2);
        await HostingSetup.CreateModelAndConfigAsync(_environment, "churn-v2", "2", weight: 3, environmentJson: """{"SERVE_EXITS": "1"}""");
        await HostingSetup.CreateEndpointAsync(_environment, "churn", "churn-v1");

        await HostingSetup.UpdateEndpointAsync(_environment, "churn", "churn-v2");
        var description = await HostingSetup.WaitUntilSettledAsync(_environment, "churn");

        Assert.Multiple(() =>
        {
            Assert.That(description.Text("EndpointStatus"), Is.EqualTo("InService"), "SageMaker returns a failed update to InService on the old configuration");
            Assert.That(description.Text("EndpointConfigName"), Is.EqualTo("churn-v1"));
            Assert.That(description.Text("FailureReason"), Does.Contain("churn-v2").And.Contain("did not pass the ping health check")
                .And.Contain("exited with code 2").And.Contain("weights are corrupt"));
        });
        var (status, body, _) = await HostingSetup.InvokeAsync(_client, _environment.Backends.EndpointUrl("churn"));
        Assert.That(status, Is.EqualTo(200));
        Assert.That(body!.Text("version"), Is.EqualTo("1"));
    }

    [Test]
    public async Task A_new_variant_that_never_answers_ping_is_abandoned_after_the_startup_timeout()
    {
        await _environment.DisposeAsync();
        _environment = await LocalTestEnvironment.StartAsync(o => o with { ContainerStartupTimeout = TimeSpan.FromSeconds(1) });
        await HostingSetup.CreateModelAndConfigAsync(_environment, "churn-v1", "1", weight: 2);
        await HostingSetup.CreateModelAndConfigAsync(_environment, "churn-v2", "2", weight: 3, environmentJson: """{"PING_FAILS": "1"}""");
        await HostingSetup.CreateEndpointAsync(_environment, "churn", "churn-v1");

        await HostingSetup.UpdateEndpointAsync(_environment, "churn", "churn-v2");
        var description = await HostingSetup.WaitUntilSettledAsync(_environment, "churn");

        Assert.That(description.Text("EndpointConfigName"), Is.EqualTo("churn-v1"));
        Assert.That(description.Text("FailureReason"), Does.Contain("did not answer GET /ping with 200"));
        var (_, body, _) = await HostingSetup.InvokeAsync(_client, _environment.Backends.EndpointUrl("churn"));
        Assert.That(body!.Text("version"), Is.EqualTo("1"));
    }

    [Test]
    public async Task A_first_deployment_that_fails_leaves_the_endpoint_Failed_with_the_reason()
    {
        await HostingSetup.CreateModelAndConfigAsync(_environment, "broken", "1", weight: 2, environmentJson: """{"SERVE_EXITS": "1"}""");

        var description = await HostingSetup.CreateEndpointAsync(_environment, "churn", "broken");

        Assert.That(description.Text("EndpointStatus"), Is.EqualTo("Failed"));
        Assert.That(description.Text("FailureReason"), Does.Contain("production variant AllTraffic did not pass the ping health check"));
        var (status, body, _) = await HostingSetup.InvokeAsync(_client, _environment.Backends.EndpointUrl("churn"));
        Assert.That(status, Is.EqualTo(400));
        Assert.That(body!.Text("message"), Does.Contain("not in service"));
    }

    [Test]
    public async Task Traffic_is_split_by_variant_weight_and_a_request_can_target_a_variant()
    {
        await HostingSetup.CreateModelAsync(_environment, "blue", HostingSetup.PutModelArtifact(_environment, "1", 2));
        await HostingSetup.CreateModelAsync(_environment, "green", HostingSetup.PutModelArtifact(_environment, "2", 3));
        await HostingSetup.CreateConfigAsync(_environment, "split", ("Blue", "blue", 1), ("Green", "green", 3));
        var description = await HostingSetup.CreateEndpointAsync(_environment, "churn", "split");
        Assert.That(((JsonArray)description["ProductionVariants"]).Select(v => ((JsonObject)v).Text("VariantName")), Is.EqualTo(new[] { "Blue", "Green" }));
        var url = _environment.Backends.EndpointUrl("churn");

        var versions = new List<string>();
        for (var i = 0; i < 200; i++)
        {
            var (status, body, _) = await HostingSetup.InvokeAsync(_client, url);
            Assert.That(status, Is.EqualTo(200), $"request {i}: {body?.ToJson()}");
            versions.Add(body!.Text("version"));
        }
        using var targeted = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent("""{"x": 1}""") };
        targeted.Headers.Add("X-Amzn-SageMaker-Target-Variant", "Blue");
        using var targetedResponse = await _client.SendAsync(targeted);

        Assert.That(versions.Count(v => v == "2"), Is.InRange(120, 185), "Green has 3/4 of the weight");
        Assert.That(versions.Count(v => v == "1"), Is.GreaterThan(15));
        Assert.That(((JsonObject)JsonValue.Parse(await targetedResponse.Content.ReadAsStringAsync())).Text("version"), Is.EqualTo("1"));
    }

    [Test]
    public async Task An_error_from_the_model_comes_back_as_a_ModelError_with_the_original_status()
    {
        await HostingSetup.CreateModelAndConfigAsync(_environment, "churn-v1", "1", weight: 2);
        await HostingSetup.CreateEndpointAsync(_environment, "churn", "churn-v1");

        using var response = await _client.PostAsync(_environment.Backends.EndpointUrl("churn"), new StringContent("not json"));
        var body = (JsonObject)JsonValue.Parse(await response.Content.ReadAsStringAsync());

        Assert.That((int)response.StatusCode, Is.EqualTo(424));
        Assert.That(body.Text("ErrorCode"), Is.EqualTo("CLIENT_ERROR_FROM_MODEL"));
        Assert.That(((JsonNumber)body["OriginalStatusCode"]).Value, Is.EqualTo(400));
        Assert.That(body.Text("OriginalMessage"), Does.Contain("bad input"));
    }

    [Test]
    public async Task An_unknown_endpoint_is_a_validation_error_naming_it()
    {
        var (status, body, response) = await HostingSetup.InvokeAsync(_client, _environment.Backends.EndpointUrl("nowhere"));

        Assert.That(status, Is.EqualTo(400));
        Assert.That(body!.Text("message"), Is.EqualTo("Endpoint nowhere of account 123456789012 not found."));
        Assert.That(response.Headers.GetValues("x-amzn-ErrorType"), Is.EqualTo(new[] { "ValidationError" }));
    }

    [Test]
    public async Task Deleting_an_endpoint_stops_its_processes_and_forgets_it()
    {
        await HostingSetup.CreateModelAndConfigAsync(_environment, "churn-v1", "1", weight: 2);
        await HostingSetup.CreateEndpointAsync(_environment, "churn", "churn-v1");
        var pid = (int)((JsonNumber)(await HostingSetup.InvokeAsync(_client, _environment.Backends.EndpointUrl("churn"))).Body!["pid"]).Value;

        var deleted = await _environment.SucceedAsync("arn:aws:states:::aws-sdk:sagemaker:deleteEndpoint", """{"EndpointName": "churn"}""");
        var described = await _environment.CallAsync(HostingSetup.Describe, """{"EndpointName": "churn"}""");

        Assert.That(deleted, Is.EqualTo(JsonObject.Empty));
        Assert.That(HostingSetup.IsAlive(pid), Is.False);
        Assert.That(described.Error, Is.EqualTo("SageMaker.ValidationException"));
        Assert.That(described.Cause, Does.Contain("Could not find endpoint"));
    }

    [Test]
    public async Task Endpoints_in_service_come_back_after_the_backends_restart()
    {
        await HostingSetup.CreateModelAndConfigAsync(_environment, "churn-v1", "1", weight: 2);
        await HostingSetup.CreateEndpointAsync(_environment, "churn", "churn-v1");
        var port = new Uri(_environment.Backends.InvocationBaseUrl).Port;

        await _environment.RestartAsync();
        var (status, body, _) = await HostingSetup.InvokeAsync(_client, _environment.Backends.EndpointUrl("churn"), x: 5);

        Assert.That(status, Is.EqualTo(200), "a request during the restore waits for it");
        Assert.That(((JsonNumber)body!["prediction"]).Value, Is.EqualTo(10));
        Assert.That((await HostingSetup.WaitUntilSettledAsync(_environment, "churn")).Text("EndpointStatus"), Is.EqualTo("InService"));
        Assert.That(port, Is.GreaterThan(0));
    }
}
