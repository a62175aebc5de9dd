using SageBuild.StateMachines.Json;

namespace SageBuild.Engine.Execution;

/// <summary>An ASL error as data: a name that Retry and Catch match, and a cause. Either may be absent (a bare Fail state).</summary>
internal sealed record Failure(string? Error, string? Cause)
{
    /// <summary>Whether this stands for a distributed Map's child stopped by StopExecution (it has no error of its own).</summary>
    public bool IsStop { get; init; }

    /// <summary>The error output a Catcher passes on: <c>{"Error": ..., "Cause": ...}</c>.</summary>
    public JsonObject ToErrorOutput()
    {
        var o = new JsonObjectBuilder(2);
        if (Error is not null)
            o.Set("Error", Error);
        if (Cause is not null)
            o.Set("Cause", Cause);
        return o.Build();
    }
}
