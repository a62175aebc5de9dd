using Microsoft.Extensions.Logging;
using SageBuild.Engine.Api.Server;

namespace SageBuild.Tests.Engine.Api.Server;

public sealed class StepFunctionsServerTests
{
    [Test]
    public async Task Listens_on_loopback_by_default()
    {
        await using var server = await StepFunctionsServer.StartAsync(EngineServices.Fresh(), new StepFunctionsServerOptions { Port = 0 });
        Assert.That(server.Endpoint.Host, Is.EqualTo("127.0.0.1"));
        Assert.That(System.Net.IPAddress.IsLoopback(server.ListenAddress), Is.True);
    }

    [Test]
    public async Task Warns_when_bound_to_an_address_other_machines_can_reach()
    {
        using var logs = new CapturingLoggerProvider();
        using var factory = LoggerFactory.Create(b => b.AddProvider(logs));
        await using var server = await StepFunctionsServer.StartAsync(EngineServices.Fresh(),
            new StepFunctionsServerOptions { Bind = "0.0.0.0", Port = 0, LoggerFactory = factory });

        var warning = logs.Lines.Single(l => l.Level == LogLevel.Warning).Message;
        Assert.That(warning, Does.Contain("0.0.0.0, which is not a loopback address"));
        Assert.That(warning, Does.Contain("--credentials"), "says how to require signatures");
        Assert.That(server.Endpoint.Host, Is.EqualTo("127.0.0.1"), "the endpoint to call from this machine");
    }

    [TestCase(true)]
    [TestCase(false)]
    public async Task Refuses_a_body_over_the_limit_in_AWS_error_format(bool chunked)
    {
        await using var server = await StepFunctionsServer.StartAsync(EngineServices.Fresh(),
            new StepFunctionsServerOptions { Port = 0, Api = new StepFunctionsApiOptions { MaxRequestBodyBytes = 2048 } });
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, server.Endpoint)
        {
            Content = new StringContent($$"""{"nextToken":"{{new string('x', 4000)}}"}"""),
        };
        request.Headers.Add("X-Amz-Target", "AWSStepFunctions.ListStateMachines");
        request.Headers.TransferEncodingChunked = chunked;

        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.That((int)response.StatusCode, Is.EqualTo(413), body);
        Assert.That(body, Is.EqualTo("""{"__type":"ValidationException","message":"The request body is larger than 2048 bytes."}"""));
    }

    [Test]
    public void Names_every_bad_option_at_once()
    {
        var error = Assert.ThrowsAsync<ArgumentException>(() => StepFunctionsServer.StartAsync(EngineServices.Fresh(),
            new StepFunctionsServerOptions { Bind = "nowhere", Port = 70_000 }))!;
        Assert.That(error.Message, Does.Contain("StepFunctionsServerOptions.Bind: 'nowhere' is not an IP address or 'localhost'"));
        Assert.That(error.Message, Does.Contain("StepFunctionsServerOptions.Port: 70000 is not a TCP port (0 to 65535)"));
    }
}
