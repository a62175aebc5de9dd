using Amazon.Runtime;
using SageBuild.Engine.Api;
using SageBuild.Engine.Api.Client;
using SageBuild.Engine.Api.Model;

namespace SageBuild.Tests.Engine.Api.Client;

/// <summary>SageBuild's own client against the host over loopback HTTP, unsigned and signed.</summary>
public sealed class StepFunctionsClientTests
{
    [Test]
    public async Task Calls_a_server_that_needs_no_signature_without_one()
    {
        await using var host = await ApiHost.StartAsync();
        using var client = new StepFunctionsClient(new StepFunctionsClientOptions { Endpoint = host.Endpoint, Region = "us-east-1", SignRequests = false });
        Assert.That(client.IsSigned, Is.False);

        var created = await client.CreateStateMachineAsync(new CreateStateMachineInput { Name = "hello", Definition = Definitions.Pass, RoleArn = Definitions.RoleArn });
        var described = await client.DescribeStateMachineAsync(new DescribeStateMachineInput { StateMachineArn = created.StateMachineArn });

        Assert.Multiple(() =>
        {
            Assert.That(created.StateMachineArn, Is.EqualTo(Definitions.StateMachineArn("hello")));
            Assert.That(described.Definition, Is.EqualTo(Definitions.Pass));
            Assert.That(described.Type, Is.EqualTo(StateMachineType.Standard));
            Assert.That(described.CreationDate, Is.EqualTo(created.CreationDate), "timestamps survive the epoch-seconds round trip");
        });
    }

    [Test]
    public async Task Signs_with_AWSSDK_Core_so_a_server_that_requires_signatures_accepts_the_calls()
    {
        await using var host = await ApiHost.StartAsync(requireSignatures: true);
        using var client = new StepFunctionsClient(new StepFunctionsClientOptions
        {
            Endpoint = host.Endpoint,
            Region = "us-east-1",
            Credentials = new BasicAWSCredentials(ApiHost.AccessKeyId, ApiHost.SecretAccessKey),
        });
        Assert.That(client.IsSigned, Is.True);

        await client.CreateStateMachineAsync(new CreateStateMachineInput { Name = "hello", Definition = Definitions.Hold, RoleArn = Definitions.RoleArn });
        var started = await client.StartExecutionAsync(new StartExecutionInput { StateMachineArn = Definitions.StateMachineArn("hello"), Input = """{"n":1}""" });
        var execution = await client.DescribeExecutionAsync(new DescribeExecutionInput { ExecutionArn = started.ExecutionArn });

        Assert.That(execution.Status, Is.EqualTo(ExecutionStatus.Running));
        Assert.That(execution.Input, Is.EqualTo("""{"n":1}"""));
    }

    [Test]
    public async Task An_unsigned_call_to_a_server_that_requires_signatures_is_refused()
    {
        await using var host = await ApiHost.StartAsync(requireSignatures: true);
        using var client = new StepFunctionsClient(new StepFunctionsClientOptions { Endpoint = host.Endpoint, Region = "us-east-1", SignRequests = false });

        var error = Assert.ThrowsAsync<StepFunctionsException>(() => client.ListStateMachinesAsync(new ListStateMachinesInput()))!;
        Assert.That(error.Code, Is.EqualTo(StepFunctionsErrorCodes.MissingAuthenticationTokenException));
        Assert.That(error.StatusCode, Is.EqualTo(400));
    }

    [Test]
    public async Task A_wrong_secret_raises_InvalidSignatureException()
    {
        await using var host = await ApiHost.StartAsync(requireSignatures: true);
        using var client = new StepFunctionsClient(new StepFunctionsClientOptions
        {
            Endpoint = host.Endpoint,
            Credentials = new BasicAWSCredentials(ApiHost.AccessKeyId, "not-the-secret"),
        });

        var error = Assert.ThrowsAsync<StepFunctionsException>(() => client.ListStateMachinesAsync(new ListStateMachinesInput()))!;
        Assert.That(error.Code, Is.EqualTo(StepFunctionsErrorCodes.InvalidSignatureException));
    }

    [Test]
    public async Task A_server_clock_more_than_five_minutes_ahead_refuses_the_signature_as_expired()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow.AddMinutes(10));
        await using var host = await ApiHost.StartAsync(requireSignatures: true, serverClock: clock);
        using var client = new StepFunctionsClient(new StepFunctionsClientOptions
        {
            Endpoint = host.Endpoint,
            Credentials = new BasicAWSCredentials(ApiHost.AccessKeyId, ApiHost.SecretAccessKey),
        });

        var error = Assert.ThrowsAsync<StepFunctionsException>(() => client.ListStateMachinesAsync(new ListStateMachinesInput()))!;
        Assert.That(error.Code, Is.EqualTo(StepFunctionsErrorCodes.InvalidSignatureException));
        Assert.That(error.Message, Does.StartWith("Signature expired: "));
    }

    [Test]
    public async Task Raises_the_server_error_code_and_message_with_the_request_id()
    {
        await using var host = await ApiHost.StartAsync();
        using var client = new StepFunctionsClient(new StepFunctionsClientOptions { Endpoint = host.Endpoint });
        var arn = Definitions.StateMachineArn("nobody");

        var error = Assert.ThrowsAsync<StepFunctionsException>(() => client.DescribeStateMachineAsync(new DescribeStateMachineInput { StateMachineArn = arn }))!;

        Assert.That(error.Code, Is.EqualTo(StepFunctionsErrorCodes.StateMachineDoesNotExist));
        Assert.That(error.Message, Is.EqualTo($"State Machine Does Not Exist: '{arn}'"));
        Assert.That(error.RequestId, Is.Not.Null.And.Not.Empty);
    }

    [Test]
    public async Task Calls_sync_operations_on_the_endpoint_itself_not_a_sync_prefixed_host()
    {
        await using var host = await ApiHost.StartAsync();
        using var client = new StepFunctionsClient(new StepFunctionsClientOptions { Endpoint = host.Endpoint });
        await client.CreateStateMachineAsync(new CreateStateMachineInput { Name = "hello", Definition = Definitions.Pass, RoleArn = Definitions.RoleArn });

        // The answer comes from the host (a STANDARD machine cannot run synchronously), so the call reached it.
        var error = Assert.ThrowsAsync<StepFunctionsException>(() => client.StartSyncExecutionAsync(new StartSyncExecutionInput { StateMachineArn = Definitions.StateMachineArn("hello") }))!;
        Assert.That(error.Code, Is.EqualTo(StepFunctionsErrorCodes.StateMachineTypeNotSupported));
    }

    [Test]
    public async Task Lists_follow_nextToken_across_pages()
    {
        await using var host = await ApiHost.StartAsync();
        using var client = new StepFunctionsClient(new StepFunctionsClientOptions { Endpoint = host.Endpoint, SignRequests = false });
        foreach (var name in new[] { "a", "b", "c", "d", "e" })
            await client.CreateStateMachineAsync(new CreateStateMachineInput { Name = name, Definition = Definitions.Hold, RoleArn = Definitions.RoleArn });

        var machines = await client.ListAllStateMachinesAsync(pageSize: 2).Select(m => m.Name).ToListAsync();
        Assert.That(machines, Is.EqualTo(new[] { "a", "b", "c", "d", "e" }));

        var started = await client.StartExecutionAsync(Definitions.StateMachineArn("a"), """{"n":1}""", name: "run-1");
        await client.StopExecutionAsync(started.ExecutionArn, error: "Cancelled");
        var events = await client.GetExecutionHistoryEventsAsync(started.ExecutionArn, pageSize: 1).Select(e => e.Type).ToListAsync();
        Assert.That(events, Is.EqualTo(new[] { HistoryEventType.ExecutionStarted, HistoryEventType.WaitStateEntered, HistoryEventType.ExecutionAborted }));

        var aborted = await client.ListAllExecutionsAsync(Definitions.StateMachineArn("a"), ExecutionStatus.Aborted).ToListAsync();
        Assert.That(aborted.Select(e => e.Name), Is.EqualTo(new[] { "run-1" }));
        Assert.That((await client.DescribeExecutionAsync(started.ExecutionArn)).Error, Is.EqualTo("Cancelled"));
    }

    [Test]
    public void Addresses_AWS_itself_when_no_endpoint_is_given()
    {
        using var client = new StepFunctionsClient(new StepFunctionsClientOptions
        {
            Region = "eu-west-1",
            Credentials = new BasicAWSCredentials("AKIDEXAMPLE", "secret"),
        });
        Assert.That(client.Endpoint, Is.EqualTo(new Uri("https://states.eu-west-1.amazonaws.com/")));
        Assert.That(client.IsSigned, Is.True);
    }
}
