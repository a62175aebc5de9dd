using SageBuild.Functions.Alexa;
using SageBuild.StateMachines.Json;

namespace SageBuild.Functions.Aws;

/// <summary>
/// The deployed pipeline's state machine as the functions that call AWS see it: they start builds (the trigger and
/// webhook functions, named after their trigger so a redelivery starts nothing new), and the Alexa skill lists, watches
/// and stops them. Every call goes through the Step Functions API with the function role's credentials.
/// </summary>
public sealed class DeployedPipeline : IBuildExecutions, IDisposable
{
    private readonly StepFunctionsApiClient _client;
    private readonly bool _ownsClient;

    /// <summary>The pipeline <paramref name="stateMachineArn"/>, called through <paramref name="client"/>.</summary>
    /// <param name="client">The Step Functions client.</param>
    /// <param name="stateMachineArn">The pipeline's state machine.</param>
    /// <param name="ownsClient">Whether disposing this disposes <paramref name="client"/>.</param>
    public DeployedPipeline(StepFunctionsApiClient client, string stateMachineArn, bool ownsClient = false)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentException.ThrowIfNullOrEmpty(stateMachineArn);
        _client = client;
        _ownsClient = ownsClient;
        StateMachineArn = stateMachineArn;
    }

    /// <summary>The pipeline's state machine.</summary>
    public string StateMachineArn { get; }

    /// <summary>
    /// The pipeline named by <c>SAGEBUILD_STATE_MACHINE_ARN</c>, called with the region and credentials of the
    /// environment (<see cref="AwsConnection.FromEnvironment"/>); null when the variable is not set.
    /// </summary>
    public static DeployedPipeline? FromEnvironment(Func<string, string?> variables)
    {
        ArgumentNullException.ThrowIfNull(variables);
        if (variables(LambdaVariables.StateMachineArn) is not { Length: > 0 } arn)
            return null;
        return new DeployedPipeline(new StepFunctionsApiClient(AwsConnection.FromEnvironment(variables)), arn, ownsClient: true);
    }

    /// <summary>
    /// Starts a build with <paramref name="input"/> as the execution <paramref name="name"/>. When an execution of that
    /// name exists (the trigger was delivered again), nothing new starts.
    /// </summary>
    public async Task<BuildStart> StartBuildAsync(JsonValue input, string name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentException.ThrowIfNullOrEmpty(name);
        try
        {
            var started = await _client.StartExecutionAsync(StateMachineArn, input, name, cancellationToken);
            return new BuildStart(started.ExecutionArn, name, IsNew: true);
        }
        catch (AwsServiceException e) when (e.Code == "ExecutionAlreadyExists")
        {
            // An execution of this name ran (or runs with another input): this trigger has been handled already.
            return new BuildStart(ExecutionNames.ExecutionArn(StateMachineArn, name), name, IsNew: false);
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<BuildExecution>> ListAsync(int max, CancellationToken cancellationToken = default) =>
        [.. (await _client.ListExecutionsAsync(StateMachineArn, max, cancellationToken: cancellationToken))
            .Take(max)
            .Select(e => new BuildExecution(e.ExecutionArn, e.Name, e.Status, e.StartDate, e.StopDate))];

    /// <inheritdoc />
    public async Task<string?> CurrentStateAsync(string executionArn, CancellationToken cancellationToken = default)
    {
        var events = await _client.GetExecutionHistoryAsync(executionArn, reverseOrder: true, maxResults: 100, cancellationToken);
        return LastEnteredState(events);
    }

    /// <summary>The state the newest state-entered event of <paramref name="newestFirst"/> names (the state a running execution is in).</summary>
    internal static string? LastEnteredState(IEnumerable<JsonObject> newestFirst) => newestFirst
        .Select(e => e.TryGetValue("stateEnteredEventDetails", out var d) && d is JsonObject details && details.TryGetValue("name", out var n) && n is JsonString name ? name.Value : null)
        .FirstOrDefault(n => n is not null);

    /// <inheritdoc />
    public async Task<BuildExecution> StartAsync(JsonObject input, CancellationToken cancellationToken = default)
    {
        var started = await _client.StartExecutionAsync(StateMachineArn, input, cancellationToken: cancellationToken);
        return new BuildExecution(started.ExecutionArn, started.ExecutionArn[(started.ExecutionArn.LastIndexOf(':') + 1)..], "RUNNING", started.StartDate, null);
    }

    /// <inheritdoc />
    public Task StopAsync(string executionArn, string cause, CancellationToken cancellationToken = default) =>
        _client.StopExecutionAsync(executionArn, "SageBuild.Stopped", cause, cancellationToken);

    /// <inheritdoc />
    public void Dispose()
    {
        if (_ownsClient)
            _client.Dispose();
    }
}
