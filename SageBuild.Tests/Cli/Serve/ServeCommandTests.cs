using System.Net;
using SageBuild.Cli;
using SageBuild.Engine.Api.Client;
using SageBuild.Engine.Api.Model;
using Spectre.Console.Cli.Testing;
using Spectre.Console.Testing;
using static SageBuild.Tests.Cli.Serve.ServeLifecycle;

namespace SageBuild.Tests.Cli.Serve;

/// <summary><c>sagebuild serve</c> itself: its options, its dashboard on the engine's change feed, and how it stops.</summary>
public sealed class ServeCommandTests
{
    [TestCase("--port", "70000", "--port: 70000 is not a TCP port (0 to 65535)")]
    [TestCase("--bind", "my-laptop", "--bind: 'my-laptop' is not an IP address or 'localhost'")]
    [TestCase("--credentials-file", "/nonexistent/credentials", "--credentials-file: no file at '/nonexistent/credentials'")]
    public void Refuses_a_bad_option_naming_it(string option, string value, string message)
    {
        var tester = new CommandAppTester(null, new CommandAppTesterSettings(), new TestConsole().Width(400));
        tester.Configure(SageBuildCommands.Configure);
        var result = tester.RunAndCatch<Exception>("serve", option, value);
        Assert.That(result.Output + result.Exception?.Message, Does.Contain(message));
    }

    [Test]
    public async Task Refuses_malformed_credentials_before_listening()
    {
        var program = Path.Combine(TestContext.CurrentContext.TestDirectory, "sagebuild.dll");
        var result = await Support.ExternalProcess.RunAsync("dotnet", [program, "serve", "--port", "0", "--credentials", "no-colon-here"]);
        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.StandardError.Trim(), Is.EqualTo("sagebuild serve: --credentials: expected KEY:SECRET (an access key id, a colon, then its secret)"));
    }

    [Test]
    public async Task Serves_a_dashboard_whose_event_stream_announces_an_execution_as_the_engine_records_it()
    {
        await using var serve = await ServeProcess.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(serve.EndpointUrl), Timeout = Timeout.InfiniteTimeSpan };
        using var page = await http.GetAsync(new Uri(serve.DashboardUrl));
        Assert.That((page.StatusCode, page.Content.Headers.ContentType?.MediaType), Is.EqualTo((HttpStatusCode.OK, "text/html")));

        using var events = await http.GetAsync("/api/events", HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await events.Content.ReadAsStreamAsync());
        Assert.That(await NextEventAsync(reader), Does.StartWith("event: ready"));

        using var client = new StepFunctionsClient(new StepFunctionsClientOptions { Endpoint = new Uri(serve.EndpointUrl), SignRequests = false });
        await client.CreateStateMachineAsync(new CreateStateMachineInput { Name = "hold", Definition = Hold, RoleArn = RoleArn });
        var started = await client.StartExecutionAsync(StateMachineArn("hold"), "{}", "watched");

        var announced = await NextEventAsync(reader);
        Assert.That(announced, Does.StartWith("event: execution").And.Contain($"\"executionArn\":\"{started.ExecutionArn}\""));
    }

    [Test]
    public async Task Stops_on_SIGTERM_with_executions_still_running()
    {
        var serve = await ServeProcess.StartAsync();
        await using (serve)
        {
            using var client = new StepFunctionsClient(new StepFunctionsClientOptions { Endpoint = new Uri(serve.EndpointUrl), SignRequests = false });
            await client.CreateStateMachineAsync(new CreateStateMachineInput { Name = "hold", Definition = Hold, RoleArn = RoleArn });
            await client.StartExecutionAsync(StateMachineArn("hold"));
            Assert.That(await serve.StopAsync(), Is.Zero, serve.StandardError);
        }
    }

    private static async Task<string> NextEventAsync(StreamReader reader)
    {
        var lines = new List<string>();
        while (true)
        {
            var line = await reader.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30));
            if (line is null)
                return string.Join("\n", lines);
            if (line.Length == 0)
            {
                if (lines.Count > 0)
                    return string.Join("\n", lines);
                continue;
            }

            if (!line.StartsWith(':') && !line.StartsWith("retry:", StringComparison.Ordinal))
                lines.Add(line);
        }
    }
}
