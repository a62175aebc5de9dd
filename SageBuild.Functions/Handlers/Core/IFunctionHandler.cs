using SageBuild.StateMachines.Json;

namespace SageBuild.Functions.Handlers.Core;

/// <summary>A pure pipeline step: an event in, a result out, no I/O. Lambda runs it through <see cref="FunctionHandler.Invoke"/>.</summary>
public interface IFunctionHandler
{
    /// <summary>The short name, such as <c>quality-gate</c>; deployed as <c>{prefix}{name}</c>.</summary>
    string Name { get; }

    /// <summary>What the handler does.</summary>
    string Description { get; }

    /// <summary>Handles one event. Throws to fail the step; the exception's type name is the error Step Functions sees.</summary>
    JsonValue Handle(JsonValue input);
}
