using SageBuild.StateMachines.Json;

namespace SageBuild.Engine.Execution;

/// <summary>How a state's step ended: go on to a state, end the graph, or fail it. Control flow is a value.</summary>
internal enum StepKind : byte
{
    Next,
    End,
    Failed,
    Aborted,
}

/// <summary>The result of one state's step (or, with End/Failed/Aborted, of a whole graph).</summary>
internal readonly struct StepResult
{
    private StepResult(StepKind kind, int nextIndex, JsonValue? output, Failure? failure)
    {
        Kind = kind;
        NextIndex = nextIndex;
        Output = output;
        Failure = failure;
    }

    public StepKind Kind { get; }

    public int NextIndex { get; }

    public JsonValue? Output { get; }

    public Failure? Failure { get; }

    public static StepResult Next(int index, JsonValue output) => new(StepKind.Next, index, output, null);

    public static StepResult End(JsonValue output) => new(StepKind.End, -1, output, null);

    public static StepResult Failed(Failure failure) => new(StepKind.Failed, -1, null, failure);

    public static StepResult Aborted() => new(StepKind.Aborted, -1, null, null);

    /// <summary>Next or End, as the state's transition says.</summary>
    public static StepResult Transition(int nextIndex, JsonValue output) => nextIndex < 0 ? End(output) : Next(nextIndex, output);
}
