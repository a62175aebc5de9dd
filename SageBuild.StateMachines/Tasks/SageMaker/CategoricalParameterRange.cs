using SageBuild.StateMachines.Builders;

namespace SageBuild.StateMachines.Tasks.SageMaker;

/// <summary>A hyperparameter chosen among fixed values.</summary>
public sealed record CategoricalParameterRange
{
    /// <summary>The hyperparameter's name.</summary>
    public required string Name { get; init; }

    /// <summary>The values to try.</summary>
    public required IReadOnlyList<string> Values { get; init; }

    internal TaskInput ToTaskInput() => new RequestBuilder().Add("Name", Name).AddList("Values", Values, v => v).Build();
}
