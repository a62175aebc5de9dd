using SageBuild.StateMachines.Builders;

namespace SageBuild.StateMachines.Tasks.SageMaker;

/// <summary>A real-valued hyperparameter searched between two bounds.</summary>
public sealed record ContinuousParameterRange
{
    /// <summary>The hyperparameter's name.</summary>
    public required string Name { get; init; }

    /// <summary>The lower bound (SageMaker takes it as a string).</summary>
    public required Field<string> MinValue { get; init; }

    /// <summary>The upper bound.</summary>
    public required Field<string> MaxValue { get; init; }

    /// <summary>The scale.</summary>
    /// <value>None by default: Auto.</value>
    public HyperParameterScalingType? ScalingType { get; init; }

    internal TaskInput ToTaskInput() => new RequestBuilder()
        .Add("Name", Name).Add("MinValue", MinValue).Add("MaxValue", MaxValue).Add("ScalingType", ScalingType?.ToString()).Build();
}
