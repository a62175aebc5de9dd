using System.Globalization;
using SageBuild.StateMachines.Json;

namespace SageBuild.Functions.Aws;

/// <summary>
/// The Step Functions calls the deployed functions make, and no others: StartExecution (trigger, webhook, Alexa),
/// ListExecutions, GetExecutionHistory and StopExecution (Alexa). awsJson1_0 over HTTPS, SigV4 for service
/// <c>states</c>. SageBuild.Functions ships to Lambda without SageBuild.Engine, whose full client this mirrors.
/// </summary>
public sealed class StepFunctionsApiClient : IDisposable
{
    private readonly AwsJsonClient _json;

    /// <summary>A client for <paramref name="connection"/>; its <see cref="AwsConnection.StepFunctionsEndpoint"/> or AWS's regional endpoint.</summary>
    public StepFunctionsApiClient(AwsConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        _json = new AwsJsonClient(connection, "states", "1.0", "AWSStepFunctions", connection.StepFunctionsEndpoint ?? connection.RegionalEndpoint("states"));
    }

    /// <summary>Where calls go.</summary>
    public Uri Endpoint => _json.Endpoint;

    /// <summary>
    /// Starts an execution of <paramref name="stateMachineArn"/> with <paramref name="input"/>. A
    /// <paramref name="name"/> makes the call idempotent: AWS answers a repeated call with the same name and input as the
    /// first while the execution runs, and ExecutionAlreadyExists once it has ended.
    /// </summary>
    public async Task<StartedExecution> StartExecutionAsync(string stateMachineArn, JsonValue input, string? name = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(stateMachineArn);
        ArgumentNullException.ThrowIfNull(input);
        var answer = await _json.SendAsync("StartExecution", new JsonObjectBuilder()
            .Set("stateMachineArn", stateMachineArn)
            .Set("input", input.ToJson())
            .SetIfNotNull("name", name is null ? null : JsonString.From(name))
            .Build(), cancellationToken);
        return new StartedExecution(Text(answer, "executionArn"), Time(answer, "startDate"));
    }

    /// <summary>The newest executions of <paramref name="stateMachineArn"/> (one page of at most <paramref name="maxResults"/>), newest first.</summary>
    public async Task<IReadOnlyList<ExecutionSummary>> ListExecutionsAsync(string stateMachineArn, int maxResults, string? statusFilter = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(stateMachineArn);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxResults, 1);
        var answer = await _json.SendAsync("ListExecutions", new JsonObjectBuilder()
            .Set("stateMachineArn", stateMachineArn)
            .Set("maxResults", Math.Min(maxResults, 1000))
            .SetIfNotNull("statusFilter", statusFilter is null ? null : JsonString.From(statusFilter))
            .Build(), cancellationToken);
        var executions = answer.TryGetValue("executions", out var list) && list is JsonArray items ? items : JsonArray.Empty;
        return [.. executions.OfType<JsonObject>()
            .Select(e => new ExecutionSummary(Text(e, "executionArn"), Text(e, "name"), Text(e, "status"), Time(e, "startDate"), OptionalTime(e, "stopDate")))
            .OrderByDescending(e => e.StartDate)];
    }

    /// <summary>One page of an execution's history events, as AWS's JSON (<c>{"id": 3, "type": "TaskStateEntered", "stateEnteredEventDetails": {...}}</c>).</summary>
    public async Task<IReadOnlyList<JsonObject>> GetExecutionHistoryAsync(string executionArn, bool reverseOrder, int maxResults, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(executionArn);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxResults, 1);
        var answer = await _json.SendAsync("GetExecutionHistory", JsonObject.Create(
            ("executionArn", executionArn),
            ("reverseOrder", reverseOrder),
            ("maxResults", Math.Min(maxResults, 1000)),
            // Alexa needs the states' names, not their inputs and outputs.
            ("includeExecutionData", false)), cancellationToken);
        return answer.TryGetValue("events", out var list) && list is JsonArray events ? [.. events.OfType<JsonObject>()] : [];
    }

    /// <summary>Stops a running execution; it ends ABORTED with <paramref name="error"/> and <paramref name="cause"/>.</summary>
    public async Task StopExecutionAsync(string executionArn, string? error = null, string? cause = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(executionArn);
        await _json.SendAsync("StopExecution", new JsonObjectBuilder()
            .Set("executionArn", executionArn)
            .SetIfNotNull("error", error is null ? null : JsonString.From(error))
            .SetIfNotNull("cause", cause is null ? null : JsonString.From(cause))
            .Build(), cancellationToken);
    }

    /// <inheritdoc />
    public void Dispose() => _json.Dispose();

    private static string Text(JsonObject o, string key) => o.TryGetValue(key, out var v) && v is JsonString s
        ? s.Value
        : throw new AwsServiceException($"AWSStepFunctions", "SerializationException", $"the answer has no '{key}'", 200);

    private static DateTimeOffset Time(JsonObject o, string key) => OptionalTime(o, key)
        ?? throw new AwsServiceException("AWSStepFunctions", "SerializationException", $"the answer has no '{key}'", 200);

    // Step Functions sends timestamps as epoch seconds with a fraction.
    private static DateTimeOffset? OptionalTime(JsonObject o, string key) => o.TryGetValue(key, out var v) switch
    {
        true when v is JsonNumber n => DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(n.Value * 1000)),
        true when v is JsonString s && DateTimeOffset.TryParse(s.Value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) => t,
        _ => null,
    };
}
