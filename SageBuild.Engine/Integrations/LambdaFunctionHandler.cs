using SageBuild.StateMachines.Json;

namespace SageBuild.Engine.Integrations;

/// <summary>An in-process Lambda function: takes the event payload and returns the function's result.</summary>
/// <remarks>Throw <see cref="LambdaFunctionException"/> to fail with an error name of your choice; any other exception fails with its type name.</remarks>
public delegate ValueTask<JsonValue> LambdaFunctionHandler(JsonValue payload, CancellationToken cancellationToken);
