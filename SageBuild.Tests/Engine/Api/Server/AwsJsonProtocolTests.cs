using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace SageBuild.Tests.Engine.Api.Server;

/// <summary>The wire protocol itself, with raw HTTP: targets, bodies, errors and AWS's validation messages.</summary>
public sealed class AwsJsonProtocolTests
{
    private ApiHost _host = null!;
    private HttpClient _http = null!;

    [SetUp]
    public async Task StartHost()
    {
        _host = await ApiHost.StartAsync();
        _http = new HttpClient { BaseAddress = _host.Endpoint };
    }

    [TearDown]
    public async Task StopHost()
    {
        _http.Dispose();
        await _host.DisposeAsync();
    }

    [Test]
    public async Task Answers_an_unknown_operation_with_UnknownOperationException()
    {
        var (status, body, _) = await PostAsync("AWSStepFunctions.LaunchRocket", "{}");
        Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(body.GetProperty("__type").GetString(), Is.EqualTo("UnknownOperationException"));
    }

    [Test]
    public async Task Answers_a_target_for_another_service_with_UnknownOperationException()
    {
        var (_, body, _) = await PostAsync("AmazonSSM.GetParameter", "{}");
        Assert.That(body.GetProperty("__type").GetString(), Is.EqualTo("UnknownOperationException"));
    }

    [Test]
    public async Task Answers_a_body_that_is_not_JSON_with_SerializationException()
    {
        var (status, body, _) = await PostAsync("AWSStepFunctions.ListStateMachines", "{not json");
        Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(body.GetProperty("__type").GetString(), Is.EqualTo("SerializationException"));
        Assert.That(body.GetProperty("message").GetString(), Does.StartWith("Malformed JSON at line 1"));
    }

    [Test]
    public async Task Answers_a_member_of_the_wrong_JSON_type_with_SerializationException_naming_it()
    {
        var (_, body, _) = await PostAsync("AWSStepFunctions.ListStateMachines", """{"maxResults":"ten"}""");
        Assert.That(body.GetProperty("__type").GetString(), Is.EqualTo("SerializationException"));
        Assert.That(body.GetProperty("message").GetString(), Does.EndWith("at 'maxResults'"));
    }

    [Test]
    public async Task Treats_an_empty_body_as_an_empty_request()
    {
        var (status, body, _) = await PostAsync("AWSStepFunctions.ListStateMachines", string.Empty);
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(body.GetProperty("stateMachines").GetArrayLength(), Is.Zero);
    }

    [Test]
    public async Task Answers_a_missing_required_member_as_AWS_validation_does()
    {
        var (_, body, _) = await PostAsync("AWSStepFunctions.DescribeStateMachine", "{}");
        Assert.That(body.GetProperty("__type").GetString(), Is.EqualTo("ValidationException"));
        Assert.That(body.GetProperty("message").GetString(),
            Is.EqualTo("1 validation error detected: Value null at 'stateMachineArn' failed to satisfy constraint: Member must not be null"));
    }

    [Test]
    public async Task Lists_every_violated_constraint_in_one_message()
    {
        var name = new string('n', 81);
        var (_, body, _) = await PostAsync("AWSStepFunctions.CreateStateMachine", $$"""{"name":"{{name}}","definition":"{}"}""");
        Assert.That(body.GetProperty("message").GetString(), Is.EqualTo(
            $"2 validation errors detected: Value '{name}' at 'name' failed to satisfy constraint: Member must have length less than or equal to 80; "
            + "Value null at 'roleArn' failed to satisfy constraint: Member must not be null"));
    }

    [Test]
    public async Task Answers_an_unknown_enumeration_value_with_the_values_it_accepts()
    {
        var (_, body, _) = await PostAsync("AWSStepFunctions.ListExecutions", $$"""{"stateMachineArn":"{{Definitions.StateMachineArn("x")}}","statusFilter":"succeeded"}""");
        Assert.That(body.GetProperty("message").GetString(), Is.EqualTo(
            "1 validation error detected: Value 'succeeded' at 'statusFilter' failed to satisfy constraint: "
            + "Member must satisfy enum value set: [RUNNING, SUCCEEDED, FAILED, TIMED_OUT, ABORTED, PENDING_REDRIVE]"));
    }

    [Test]
    public async Task Checks_nested_members_with_AWS_member_paths()
    {
        var request = $$"""{"resourceArn":"{{Definitions.StateMachineArn("x")}}","tags":[{"key":"ok","value":"1"},{"key":"","value":"2"}]}""";
        var (_, body, _) = await PostAsync("AWSStepFunctions.TagResource", request);
        Assert.That(body.GetProperty("message").GetString(), Is.EqualTo(
            "1 validation error detected: Value '' at 'tags.2.member.key' failed to satisfy constraint: Member must have length greater than or equal to 1"));
    }

    [Test]
    public async Task Never_echoes_a_sensitive_value_in_a_validation_message()
    {
        var input = new string('x', 262_145);
        var (_, body, _) = await PostAsync("AWSStepFunctions.StartExecution", $$"""{"stateMachineArn":"{{Definitions.StateMachineArn("x")}}","input":"{{input}}"}""");
        Assert.That(body.GetProperty("message").GetString(), Is.EqualTo(
            "1 validation error detected: Value at 'input' failed to satisfy constraint: Member must have length less than or equal to 262144"));
    }

    [Test]
    public async Task Sends_timestamps_as_epoch_seconds_and_the_awsJson_content_type()
    {
        var (status, body, response) = await PostAsync("AWSStepFunctions.CreateStateMachine",
            JsonSerializer.Serialize(new Dictionary<string, string> { ["name"] = "hello", ["definition"] = Definitions.Pass, ["roleArn"] = Definitions.RoleArn }));
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
        var creationDate = body.GetProperty("creationDate");
        Assert.That(creationDate.ValueKind, Is.EqualTo(JsonValueKind.Number));
        Assert.That(DateTimeOffset.FromUnixTimeMilliseconds((long)(creationDate.GetDecimal() * 1000)), Is.EqualTo(DateTimeOffset.UtcNow).Within(TimeSpan.FromMinutes(1)));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/x-amz-json-1.0"));
        Assert.That(response.Headers.GetValues("x-amzn-RequestId").Single(), Is.Not.Empty);
    }

    [Test]
    public async Task Answers_a_failure_inside_the_service_with_InternalFailure_and_no_details()
    {
        await using var failing = await SageBuild.Engine.Api.Server.StepFunctionsServer.StartAsync(FailingService.Create(),
            new SageBuild.Engine.Api.Server.StepFunctionsServerOptions { Port = 0 });
        using var http = new HttpClient { BaseAddress = failing.Endpoint };
        var (status, body, _) = await PostAsync("AWSStepFunctions.RedriveExecution", """{"executionArn":"arn:aws:states:us-east-1:123456789012:execution:x:y"}""", http);
        Assert.That(status, Is.EqualTo(HttpStatusCode.InternalServerError));
        Assert.That(body.GetProperty("__type").GetString(), Is.EqualTo("InternalFailure"));
        Assert.That(body.GetProperty("message").GetString(), Is.EqualTo("An internal error occurred."));
    }

    [Test]
    public async Task Leaves_GET_on_the_root_to_the_dashboard()
    {
        using var response = await _http.GetAsync(new Uri("/", UriKind.Relative));
        Assert.That((response.StatusCode, response.Content.Headers.ContentType?.MediaType), Is.EqualTo((HttpStatusCode.OK, "text/html")), "the dashboard's page, not an API error");
    }

    private async Task<(HttpStatusCode Status, JsonElement Body, HttpResponseMessage Response)> PostAsync(string target, string body, HttpClient? http = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/", UriKind.Relative))
        {
            Content = new StringContent(body, Encoding.UTF8),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-amz-json-1.0");
        request.Headers.Add("X-Amz-Target", target);
        var response = await (http ?? _http).SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        using var document = JsonDocument.Parse(text);
        return (response.StatusCode, document.RootElement.Clone(), response);
    }
}
