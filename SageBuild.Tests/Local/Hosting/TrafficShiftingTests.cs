using Microsoft.Extensions.Time.Testing;
using SageBuild.StateMachines.Json;
using SageBuild.Tests.Local.Training;

namespace SageBuild.Tests.Local.Hosting;

public sealed class TrafficShiftingTests
{
    [Test]
    public async Task A_canary_update_sends_a_share_of_requests_to_the_new_fleet_until_the_wait_interval_ends()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2025-06-01T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        await using var environment = await LocalTestEnvironment.StartAsync(o => o with { TimeProvider = time });
        using var client = new HttpClient();
        await HostingSetup.CreateModelAndConfigAsync(environment, "churn-v1", "1", 2);
        await HostingSetup.CreateModelAndConfigAsync(environment, "churn-v2", "2", 3);
        await HostingSetup.CreateEndpointAsync(environment, "churn", "churn-v1");
        var url = environment.Backends.EndpointUrl("churn");

        await environment.SucceedAsync("arn:aws:states:::sagemaker:updateEndpoint", """
            {
              "EndpointName": "churn",
              "EndpointConfigName": "churn-v2",
              "DeploymentConfig": {
                "BlueGreenUpdatePolicy": {
                  "TrafficRoutingConfiguration": {"Type": "CANARY", "CanarySize": {"Type": "CAPACITY_PERCENT", "Value": 50}, "WaitIntervalInSeconds": 600},
                  "TerminationWaitInSeconds": 0
                }
              }
            }
            """);
        while (await VersionAsync(client, url) != "2")
            await Task.Delay(10);
        var during = new List<string>();
        for (var i = 0; i < 60; i++)
            during.Add(await VersionAsync(client, url));
        var statusDuring = environment.Backends.EndpointStatus("churn");

        while (environment.Backends.EndpointStatus("churn") != "InService")
        {
            time.Advance(TimeSpan.FromSeconds(600));
            await Task.Delay(20);
        }

        var after = new List<string>();
        for (var i = 0; i < 20; i++)
            after.Add(await VersionAsync(client, url));
        Assert.That(statusDuring, Is.EqualTo("Updating"), "the canary lasts for the wait interval");
        Assert.That(during, Has.Some.EqualTo("1").And.Some.EqualTo("2"), "during the canary both fleets answer");
        Assert.That(after, Has.All.EqualTo("2"));
        var description = await HostingSetup.WaitUntilSettledAsync(environment, "churn");
        Assert.That(description["LastDeploymentConfig"], Is.InstanceOf<JsonObject>());
    }

    private static async Task<string> VersionAsync(HttpClient client, string url)
    {
        var (status, body, _) = await HostingSetup.InvokeAsync(client, url);
        Assert.That(status, Is.EqualTo(200), body?.ToJson());
        return body!.Text("version");
    }
}
