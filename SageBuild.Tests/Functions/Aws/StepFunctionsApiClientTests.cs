using Amazon.Runtime;
using SageBuild.Engine.Api.Model;
using SageBuild.Functions.Aws;
using SageBuild.StateMachines.Json;
using SageBuild.Tests.Engine.Api;

namespace SageBuild.Tests.Functions.Aws;

/// <summary>
/// The deployed functions' Step Functions client against our API host on loopback, which verifies every SigV4
/// signature (awsJson1_0, service states), signed as a Lambda role signs: temporary credentials with a session token.
/// </summary>
public sealed class StepFunctionsApiClientTests
{
    [Test]
    public async Task Starts_lists_reads_the_history_of_and_stops_an_execution_with_session_credentials()
    {
        await using var sandbox = await LambdaSandbox.StartAsync();
        using var client = new StepFunctionsApiClient(AwsConnection.FromEnvironment(sandbox.Variables));

        var started = await client.StartExecutionAsync(LambdaSandbox.StateMachineArn, JsonObject.Create(("source", "manual"), ("commit", "abc123")), "build-1");
        var listed = await client.ListExecutionsAsync(LambdaSandbox.StateMachineArn, 10);
        var history = await client.GetExecutionHistoryAsync(started.ExecutionArn, reverseOrder: true, maxResults: 10);
        await client.StopExecutionAsync(started.ExecutionArn, "SageBuild.Stopped", "stopped in a test");
        var stopped = await sandbox.Host.Service.DescribeExecutionAsync(new DescribeExecutionInput { ExecutionArn = started.ExecutionArn });

        Assert.That(started.ExecutionArn, Is.EqualTo("arn:aws:states:us-east-1:123456789012:execution:sagebuild-dev:build-1"));
        Assert.That(JsonValue.Parse(stopped.Input!), Is.EqualTo(JsonObject.Create(("source", "manual"), ("commit", "abc123"))), "the input arrives as the JSON it was");
        Assert.That(listed.Select(e => (e.Name, e.Status)), Is.EqualTo(new[] { ("build-1", "RUNNING") }));
        Assert.That(listed[0].StartDate, Is.EqualTo(started.StartDate), "epoch-second timestamps read back as the same instant");
        // Newest first: the execution may already have entered its Wait, but its first event is ExecutionStarted.
        Assert.That(history.Select(e => ((JsonString)e["type"]).Value).Last(), Is.EqualTo("ExecutionStarted"));
        Assert.That(history[^1].ContainsKey("executionStartedEventDetails"), Is.True);
        Assert.That((stopped.Status, stopped.Error, stopped.Cause), Is.EqualTo((ExecutionStatus.Aborted, "SageBuild.Stopped", "stopped in a test")));
    }

    [Test]
    public async Task A_wrong_secret_is_refused_with_the_service_error_code()
    {
        await using var sandbox = await LambdaSandbox.StartAsync();
        using var client = new StepFunctionsApiClient(new AwsConnection
        {
            Region = "us-east-1",
            Credentials = new SessionAWSCredentials(ApiHost.AccessKeyId, "not-the-secret", LambdaSandbox.SessionToken),
            StepFunctionsEndpoint = sandbox.Host.Endpoint,
        });

        var error = Assert.ThrowsAsync<AwsServiceException>(() => client.ListExecutionsAsync(LambdaSandbox.StateMachineArn, 1))!;
        Assert.That(error.Code, Is.EqualTo("InvalidSignatureException"));
        Assert.That(error.StatusCode, Is.EqualTo(400));
        Assert.That(error.IsTransient, Is.False, "a refused signature is not tried again");
        Assert.That(error.Message, Does.StartWith("AWSStepFunctions.ListExecutions: InvalidSignatureException: "));
    }

    [Test]
    public async Task A_missing_state_machine_is_the_service_own_error()
    {
        await using var sandbox = await LambdaSandbox.StartAsync();
        using var client = new StepFunctionsApiClient(AwsConnection.FromEnvironment(sandbox.Variables));

        var error = Assert.ThrowsAsync<AwsServiceException>(() => client.StartExecutionAsync(Definitions.StateMachineArn("nothing-here"), JsonObject.Empty))!;
        Assert.That(error.Code, Is.EqualTo("StateMachineDoesNotExist"));
    }

    [Test]
    public async Task A_named_build_started_twice_runs_once()
    {
        await using var sandbox = await LambdaSandbox.StartAsync();
        using var pipeline = sandbox.Pipeline();

        var first = await pipeline.StartBuildAsync(JsonObject.Create(("source", "sns")), "sns-1f9d");
        var again = await pipeline.StartBuildAsync(JsonObject.Create(("source", "sns")), "sns-1f9d");

        Assert.That(first, Is.EqualTo(new BuildStart("arn:aws:states:us-east-1:123456789012:execution:sagebuild-dev:sns-1f9d", "sns-1f9d", IsNew: true)));
        // As on AWS, the same name with the same input while the first runs is answered with that execution again.
        Assert.That(again.ExecutionArn, Is.EqualTo(first.ExecutionArn));
        Assert.That(await sandbox.ExecutionsAsync(), Has.Count.EqualTo(1));
    }

    [Test]
    public void The_regional_endpoints_are_AWS_own()
    {
        var connection = new AwsConnection { Region = "eu-west-1", Credentials = new BasicAWSCredentials("AKID", "secret") };
        using var states = new StepFunctionsApiClient(connection);
        using var ssm = new ParameterStoreClient(connection);
        using var china = new StepFunctionsApiClient(connection with { Region = "cn-north-1" });

        Assert.That(states.Endpoint, Is.EqualTo(new Uri("https://states.eu-west-1.amazonaws.com/")));
        Assert.That(ssm.Endpoint, Is.EqualTo(new Uri("https://ssm.eu-west-1.amazonaws.com/")));
        Assert.That(china.Endpoint, Is.EqualTo(new Uri("https://states.cn-north-1.amazonaws.com.cn/")));
    }
}
