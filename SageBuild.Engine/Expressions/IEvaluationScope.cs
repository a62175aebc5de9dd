using SageBuild.StateMachines.Json;

namespace SageBuild.Engine.Expressions;

/// <summary>What a JSONPath expression, payload template or intrinsic function can see while it is evaluated.</summary>
public interface IEvaluationScope
{
    /// <summary>The value of <c>$</c>: the state's effective input (or, in a ResultSelector, the raw result).</summary>
    JsonValue Input { get; }

    /// <summary>The value of <c>$$</c>: the context object (Execution, State, StateMachine, Task, Map).</summary>
    JsonValue Context { get; }

    /// <summary>Looks up the variable <c>$name</c> visible to this state.</summary>
    bool TryGetVariable(string name, out JsonValue value);

    /// <summary>The execution's random source, for States.UUID and States.MathRandom.</summary>
    Random Random { get; }
}
