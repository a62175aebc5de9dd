using SageBuild.StateMachines.Json;

namespace SageBuild.StateMachines.Model;

/// <summary>A state of the Amazon States Language. Every state is an immutable record.</summary>
public abstract record State
{
    /// <summary>The state's type, as written in its <c>Type</c> field.</summary>
    public abstract StateType Type { get; }

    /// <summary>A human-readable description.</summary>
    public string? Comment { get; init; }

    /// <summary>Overrides the definition's query language for this state.</summary>
    public QueryLanguage? QueryLanguage { get; init; }
}

/// <summary>A state that takes input and produces output: every type but Fail.</summary>
public abstract record DataFlowState : State
{
    /// <summary>JSONPath: selects part of the input.</summary>
    public NullablePath? InputPath { get; init; }

    /// <summary>JSONPath: selects part of the output.</summary>
    public NullablePath? OutputPath { get; init; }

    /// <summary>JSONata: the state's output, a JSON value holding <c>{% %}</c> expressions.</summary>
    public JsonValue? Output { get; init; }

    /// <summary>Variables to assign, by name (not allowed on Succeed).</summary>
    public JsonObject? Assign { get; init; }
}

/// <summary>A state that moves on to <see cref="Next"/> or ends its graph.</summary>
public abstract record TransitionState : DataFlowState
{
    /// <summary>The next state, when <see cref="End"/> is false.</summary>
    public string? Next { get; init; }

    /// <summary>Whether this state ends its graph.</summary>
    public bool End { get; init; }
}

/// <summary>A state that produces a result and can retry and catch: Task, Parallel and Map.</summary>
public abstract record RetryableState : TransitionState
{
    /// <summary>JSONPath payload template for the work's input.</summary>
    public JsonValue? Parameters { get; init; }

    /// <summary>JSONata input for the work (Task and Parallel).</summary>
    public JsonValue? Arguments { get; init; }

    /// <summary>JSONPath payload template applied to the result.</summary>
    public JsonValue? ResultSelector { get; init; }

    /// <summary>Where the result goes in the input; null discards it.</summary>
    public NullablePath? ResultPath { get; init; }

    /// <summary>Retry rules, in order.</summary>
    public ValueList<Retrier>? Retry { get; init; }

    /// <summary>Fallback rules, in order.</summary>
    public ValueList<Catcher>? Catch { get; init; }
}
