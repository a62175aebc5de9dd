namespace SageBuild.Tests.Engine.Api;

/// <summary>The AWS CLIs (v1 from pip, v2 from Debian) drive the host over real loopback HTTP, as a user would.</summary>
[TestFixture("v1")]
[TestFixture("v2")]
[Parallelizable(ParallelScope.Self)]
public sealed class AwsCliProtocolTests(string major)
{
    private ApiHost _host = null!;
    private AwsCli _cli = null!;

    [SetUp]
    public async Task StartHost()
    {
        _cli = await AwsCli.GetAsync(major);
        _host = await ApiHost.StartAsync();
    }

    [TearDown]
    public async Task StopHost() => await _host.DisposeAsync();

    [Test]
    public async Task Creates_describes_and_lists_a_state_machine()
    {
        var created = AwsCli.Json(await RunAsync("create-state-machine", "--name", "hello", "--definition", Definitions.Pass, "--role-arn", Definitions.RoleArn));
        Assert.That(created.GetProperty("stateMachineArn").GetString(), Is.EqualTo(Definitions.StateMachineArn("hello")));
        Assert.That(created.TryGetProperty("creationDate", out _), Is.True, "the CLI read creationDate");

        var described = AwsCli.Json(await RunAsync("describe-state-machine", "--state-machine-arn", Definitions.StateMachineArn("hello")));
        Assert.Multiple(() =>
        {
            Assert.That(described.GetProperty("name").GetString(), Is.EqualTo("hello"));
            Assert.That(described.GetProperty("definition").GetString(), Is.EqualTo(Definitions.Pass));
            Assert.That(described.GetProperty("status").GetString(), Is.EqualTo("ACTIVE"));
            Assert.That(described.GetProperty("type").GetString(), Is.EqualTo("STANDARD"));
            Assert.That(described.GetProperty("roleArn").GetString(), Is.EqualTo(Definitions.RoleArn));
        });

        var listed = AwsCli.Json(await RunAsync("list-state-machines"));
        var names = listed.GetProperty("stateMachines").EnumerateArray().Select(m => m.GetProperty("name").GetString()).ToList();
        Assert.That(names, Is.EqualTo(new[] { "hello" }));
    }

    [Test]
    public async Task An_unknown_state_machine_ARN_gives_StateMachineDoesNotExist()
    {
        var arn = Definitions.StateMachineArn("nobody");
        var result = await RunAsync("describe-state-machine", "--state-machine-arn", arn);
        AssertError(result, "StateMachineDoesNotExist", "DescribeStateMachine", $"State Machine Does Not Exist: '{arn}'");
    }

    [Test]
    public async Task A_name_with_a_space_gives_InvalidName()
    {
        var result = await RunAsync("create-state-machine", "--name", "bad name", "--definition", Definitions.Pass, "--role-arn", Definitions.RoleArn);
        AssertError(result, "InvalidName", "CreateStateMachine", "Invalid Name: 'bad name'");
    }

    [Test]
    public async Task A_malformed_ARN_gives_InvalidArn()
    {
        var result = await RunAsync("describe-state-machine", "--state-machine-arn", "not-an-arn");
        AssertError(result, "InvalidArn", "DescribeStateMachine", "Invalid Arn: 'Invalid ARN prefix: not-an-arn'");
    }

    [Test]
    public async Task An_execution_ARN_where_a_state_machine_is_expected_gives_InvalidArn()
    {
        var result = await RunAsync("describe-state-machine", "--state-machine-arn", "arn:aws:states:us-east-1:123456789012:execution:hello:run");
        AssertError(result, "InvalidArn", "DescribeStateMachine", "Invalid Arn: 'Resource type not valid in this context: execution'");
    }

    [Test]
    public async Task A_definition_without_States_gives_InvalidDefinition()
    {
        var result = await RunAsync("create-state-machine", "--name", "broken", "--definition", Definitions.MissingStates, "--role-arn", Definitions.RoleArn);
        Assert.That(result.ExitCode, Is.EqualTo(_cli.ServiceErrorExitCode), result.ToString());
        Assert.That(result.StandardError, Does.Contain("An error occurred (InvalidDefinition) when calling the CreateStateMachine operation: Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED"));
    }

    [Test]
    public async Task Starts_describes_stops_and_lists_an_execution()
    {
        AwsCli.Json(await RunAsync("create-state-machine", "--name", "hello", "--definition", Definitions.Hold, "--role-arn", Definitions.RoleArn));
        var started = AwsCli.Json(await RunAsync("start-execution", "--state-machine-arn", Definitions.StateMachineArn("hello"), "--name", "run-1", "--input", """{"n":1}"""));
        var executionArn = started.GetProperty("executionArn").GetString()!;
        Assert.That(executionArn, Is.EqualTo("arn:aws:states:us-east-1:123456789012:execution:hello:run-1"));

        var running = AwsCli.Json(await RunAsync("describe-execution", "--execution-arn", executionArn));
        Assert.That(running.GetProperty("status").GetString(), Is.EqualTo("RUNNING"));
        Assert.That(running.GetProperty("input").GetString(), Is.EqualTo("""{"n":1}"""));

        AwsCli.Json(await RunAsync("stop-execution", "--execution-arn", executionArn, "--error", "Cancelled", "--cause", "by the test"));
        var aborted = AwsCli.Json(await RunAsync("list-executions", "--state-machine-arn", Definitions.StateMachineArn("hello"), "--status-filter", "ABORTED"));
        Assert.That(aborted.GetProperty("executions").EnumerateArray().Select(e => e.GetProperty("name").GetString()), Is.EqualTo(new[] { "run-1" }));

        var history = AwsCli.Json(await RunAsync("get-execution-history", "--execution-arn", executionArn, "--reverse-order"));
        var types = history.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("type").GetString()).ToList();
        Assert.That(types, Is.EqualTo(new[] { "ExecutionAborted", "WaitStateEntered", "ExecutionStarted" }));
    }

    [Test]
    public async Task Pages_through_state_machines_with_nextToken()
    {
        foreach (var name in new[] { "a", "b", "c", "d", "e" })
        {
            await _host.Service.CreateStateMachineAsync(new SageBuild.Engine.Api.Model.CreateStateMachineInput
            {
                Name = name, Definition = Definitions.Pass, RoleArn = Definitions.RoleArn,
            });
        }
        // The CLI follows nextToken itself, two at a time, and prints the whole list.
        var listed = AwsCli.Json(await RunAsync("list-state-machines", "--page-size", "2"));
        var names = listed.GetProperty("stateMachines").EnumerateArray().Select(m => m.GetProperty("name").GetString());
        Assert.That(names, Is.EqualTo(new[] { "a", "b", "c", "d", "e" }));
    }

    [Test]
    public async Task Tags_and_untags_a_state_machine()
    {
        AwsCli.Json(await RunAsync("create-state-machine", "--name", "hello", "--definition", Definitions.Pass, "--role-arn", Definitions.RoleArn,
            "--tags", "key=team,value=ml"));
        var arn = Definitions.StateMachineArn("hello");
        AwsCli.Json(await RunAsync("tag-resource", "--resource-arn", arn, "--tags", "key=stage,value=dev"));
        AwsCli.Json(await RunAsync("untag-resource", "--resource-arn", arn, "--tag-keys", "team"));

        var tags = AwsCli.Json(await RunAsync("list-tags-for-resource", "--resource-arn", arn)).GetProperty("tags").EnumerateArray()
            .Select(t => $"{t.GetProperty("key").GetString()}={t.GetProperty("value").GetString()}");
        Assert.That(tags, Is.EqualTo(new[] { "stage=dev" }));
    }

    [Test]
    public async Task An_out_of_range_page_size_gives_AWS_validation_message()
    {
        var result = await RunAsync("list-state-machines", "--max-results", "1001", "--no-paginate");
        AssertError(result, "ValidationException", "ListStateMachines",
            "1 validation error detected: Value '1001' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 1000");
    }

    [Test]
    public async Task Signatures_made_by_the_CLI_are_verified_when_the_host_requires_them()
    {
        await using var signed = await ApiHost.StartAsync(requireSignatures: true);
        var accepted = await _cli.StepFunctionsAsync(signed.EndpointUrl, ApiHost.AccessKeyId, ApiHost.SecretAccessKey, "list-state-machines");
        Assert.That(AwsCli.Json(accepted).GetProperty("stateMachines").GetArrayLength(), Is.Zero);

        var wrongSecret = await _cli.StepFunctionsAsync(signed.EndpointUrl, ApiHost.AccessKeyId, "not-the-secret", "list-state-machines");
        Assert.That(wrongSecret.ExitCode, Is.EqualTo(_cli.ServiceErrorExitCode), wrongSecret.ToString());
        Assert.That(wrongSecret.StandardError, Does.Contain("(InvalidSignatureException) when calling the ListStateMachines operation: The request signature we calculated does not match"));

        var unknownKey = await _cli.StepFunctionsAsync(signed.EndpointUrl, "AKIDNOBODY", ApiHost.SecretAccessKey, "list-state-machines");
        AssertError(unknownKey, "UnrecognizedClientException", "ListStateMachines", "The security token included in the request is invalid.");
    }

    private Task<Support.ExternalProcess.Result> RunAsync(params string[] arguments) =>
        _cli.StepFunctionsAsync(_host.EndpointUrl, "AKIDANY", "any-secret", arguments);

    private void AssertError(Support.ExternalProcess.Result result, string code, string operation, string message)
    {
        Assert.That(result.ExitCode, Is.EqualTo(_cli.ServiceErrorExitCode), result.ToString());
        Assert.That(result.StandardError.Trim(), Is.EqualTo($"An error occurred ({code}) when calling the {operation} operation: {message}"));
    }
}
