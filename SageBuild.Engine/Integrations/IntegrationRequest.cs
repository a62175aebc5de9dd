using SageBuild.StateMachines.Json;
using SageBuild.StateMachines.Tasks;

namespace SageBuild.Engine.Integrations;

/// <summary>One call of a service integration by a Task state.</summary>
/// <param name="Resource">The Resource ARN as written in the definition.</param>
/// <param name="Target">The resource parsed: service, action and pattern.</param>
/// <param name="Parameters">The effective input: the Parameters (JSONPath) or Arguments (JSONata) after evaluation.</param>
/// <param name="Context">Where the call comes from.</param>
public sealed record IntegrationRequest(string Resource, ResourceTarget Target, JsonValue Parameters, TaskCallContext Context);

/// <summary>Where a task call comes from. Handlers use it for idempotency (a re-driven task has the same execution and state).</summary>
/// <param name="ExecutionArn">The execution's ARN.</param>
/// <param name="StateName">The Task state's name.</param>
/// <param name="Attempt">0 for the first try, then 1, 2, ... for retries.</param>
/// <param name="TaskToken">The task token for <see cref="IntegrationPattern.WaitForTaskToken"/>, else null.</param>
/// <param name="Credentials">The evaluated Credentials field, if any.</param>
public sealed record TaskCallContext(string ExecutionArn, string StateName, int Attempt, string? TaskToken, JsonObject? Credentials);
