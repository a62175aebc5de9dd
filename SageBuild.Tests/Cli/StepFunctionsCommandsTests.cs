using System.Text.Json;
using SageBuild.Cli;
using SageBuild.Engine.Api.Model;
using SageBuild.Tests.Engine.Api;
using SageBuild.Tests.Support;
using Spectre.Console.Cli.Testing;
using Spectre.Console.Testing;

namespace SageBuild.Tests.Cli;

/// <summary>The executions and state-machines commands, run in-process against a real host on loopback.</summary>
public sealed class StepFunctionsCommandsTests
{
    private ApiHost _host = null!;
    private TemporaryDirectory _folder = null!;

    [SetUp]
    public async Task StartHost()
    {
        _host = await ApiHost.StartAsync();
        _folder = new TemporaryDirectory();
    }

    [TearDown]
    public async Task StopHost()
    {
        _folder.Dispose();
        await _host.DisposeAsync();
    }

    [Test]
    public async Task Deploy_creates_a_state_machine_then_updates_it_by_name()
    {
        var path = _folder.File("hello.asl.json");
        await File.WriteAllTextAsync(path, Definitions.Pass);

        var created = await RunAsync("state-machines", "deploy", path, "--role-arn", Definitions.RoleArn);
        Assert.That(created.ExitCode, Is.Zero, created.Output);
        Assert.That(created.Output, Does.Contain($"created {Definitions.StateMachineArn("hello")}"));

        var changed = """{"StartAt":"Bye","States":{"Bye":{"Type":"Succeed"}}}""";
        await File.WriteAllTextAsync(path, changed);
        var updated = await RunAsync("state-machines", "deploy", path, "--json");
        Assert.That(updated.ExitCode, Is.Zero, updated.Output);
        using var json = JsonDocument.Parse(updated.Output);
        Assert.That(json.RootElement.GetProperty("action").GetString(), Is.EqualTo("updated"));

        var described = await _host.Service.DescribeStateMachineAsync(new DescribeStateMachineInput { StateMachineArn = Definitions.StateMachineArn("hello") });
        Assert.That(described.Definition, Is.EqualTo(changed));
    }

    [Test]
    public async Task Deploy_of_a_new_state_machine_needs_a_role()
    {
        var path = _folder.File("hello.asl.json");
        await File.WriteAllTextAsync(path, Definitions.Pass);
        var result = await RunAsync("state-machines", "deploy", path);
        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(result.Output, Does.Contain("--role-arn is needed to create the state machine 'hello'"));
    }

    [Test]
    public async Task Starts_describes_stops_and_lists_executions()
    {
        await DeployHelloAsync();
        var input = _folder.File("input.json");
        await File.WriteAllTextAsync(input, """{"n":1}""");

        var started = await RunAsync("executions", "start", Definitions.StateMachineArn("hello"), "--name", "run-1", "--input", "@" + input, "--json");
        Assert.That(started.ExitCode, Is.Zero, started.Output);
        var executionArn = JsonDocument.Parse(started.Output).RootElement.GetProperty("executionArn").GetString()!;

        var running = await RunAsync("executions", "describe", executionArn, "--json");
        using (var json = JsonDocument.Parse(running.Output))
        {
            Assert.That(json.RootElement.GetProperty("status").GetString(), Is.EqualTo("RUNNING"));
            Assert.That(json.RootElement.GetProperty("input").GetString(), Is.EqualTo("""{"n":1}"""));
        }

        var stopped = await RunAsync("executions", "stop", executionArn, "--error", "Cancelled", "--cause", "no longer needed");
        Assert.That(stopped.Output, Does.Contain($"Stopped {executionArn}"));

        var listed = await RunAsync("executions", "list", Definitions.StateMachineArn("hello"), "--status", "aborted");
        Assert.That(listed.ExitCode, Is.Zero, listed.Output);
        Assert.That(listed.Output, Does.Contain("run-1").And.Contain("ABORTED"));

        var history = await RunAsync("executions", "history", executionArn);
        Assert.That(history.Output, Does.Contain("ExecutionStarted").And.Contain("ExecutionAborted").And.Contain("Cancelled: no longer needed"));
    }

    [Test]
    public async Task Lists_state_machines_as_JSON_a_script_can_read()
    {
        await DeployHelloAsync();
        var result = await RunAsync("state-machines", "list", "--json");
        using var json = JsonDocument.Parse(result.Output);
        var machine = json.RootElement.GetProperty("stateMachines")[0];
        Assert.That(machine.GetProperty("stateMachineArn").GetString(), Is.EqualTo(Definitions.StateMachineArn("hello")));
        Assert.That(machine.GetProperty("creationDate").ValueKind, Is.EqualTo(JsonValueKind.Number));
    }

    [Test]
    public async Task Prints_the_service_error_and_exits_1()
    {
        var arn = "arn:aws:states:us-east-1:123456789012:execution:hello:nobody";
        var result = await RunAsync("executions", "describe", arn);
        Assert.That(result.ExitCode, Is.EqualTo(1));
        Assert.That(result.Output, Does.Contain($"ExecutionDoesNotExist: Execution Does Not Exist: '{arn}'"));
    }

    [Test]
    public async Task Names_a_profile_that_does_not_exist_and_exits_2()
    {
        var result = await RunAsync("state-machines", "list", "--profile", "sagebuild-test-no-such-profile");
        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(result.Output, Does.Contain("No AWS profile named 'sagebuild-test-no-such-profile'"));
    }

    [Test]
    public void Refuses_an_endpoint_that_is_not_a_URL()
    {
        var tester = Tester();
        var result = tester.RunAndCatch<Exception>("state-machines", "list", "--endpoint", "localhost:8083");
        Assert.That(result.Output + result.Exception?.Message, Does.Contain("--endpoint: 'localhost:8083' is not an http:// or https:// URL"));
    }

    private async Task DeployHelloAsync()
    {
        var path = _folder.File("hello.asl.json");
        await File.WriteAllTextAsync(path, Definitions.Hold);
        var result = await RunAsync("state-machines", "deploy", path, "--role-arn", Definitions.RoleArn);
        Assert.That(result.ExitCode, Is.Zero, result.Output);
    }

    private Task<CommandAppResult> RunAsync(params string[] arguments) =>
        Tester().RunAsync([.. arguments, "--endpoint", _host.EndpointUrl]);

    private static CommandAppTester Tester()
    {
        var tester = new CommandAppTester(null, new CommandAppTesterSettings(), new TestConsole().Width(400));
        tester.Configure(SageBuildCommands.Configure);
        return tester;
    }
}
