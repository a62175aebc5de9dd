using SageBuild.StateMachines.Model;

namespace SageBuild.StateMachines.Builders;

/// <summary>The fields of the states that produce a result and can retry and catch: Task, Parallel and Map.</summary>
public record ResultStateOptions : StateOptions
{
    /// <summary>JSONPath: a template applied to the raw result.</summary>
    /// <value>None by default.</value>
    public TaskInput? ResultSelector { get; init; }

    /// <summary>JSONPath: where the result goes in the input; <see cref="JsonPath.DiscardResult"/> keeps the input.</summary>
    /// <value>Null by default: the result replaces the input.</value>
    public NullablePath? ResultPath { get; init; }

    /// <summary>Retry rules, in order; more can be added with <c>AddRetry</c>.</summary>
    /// <value>None by default.</value>
    public IReadOnlyList<RetrierOptions> Retry { get; init; } = [];

    /// <summary>Catch rules, in order, each with its <see cref="CatcherOptions.Handler"/>; more can be added with <c>AddCatch</c>.</summary>
    /// <value>None by default.</value>
    public IReadOnlyList<CatcherOptions> Catch { get; init; } = [];
}
