using SageBuild.StateMachines.Builders;

namespace SageBuild.StateMachines.Tasks.SageMaker;

/// <summary>One variant of an endpoint config: a model on some instances, with a share of the traffic.</summary>
public sealed record ProductionVariant
{
    /// <summary>The variant's name.</summary>
    /// <value>Defaults to <c>AllTraffic</c>, the name SageMaker's own tools use.</value>
    public Field<string> VariantName { get; init; } = "AllTraffic";

    /// <summary>The model's name.</summary>
    public required Field<string> ModelName { get; init; }

    /// <summary>The instance type, such as <c>ml.m5.large</c>.</summary>
    public required Field<string> InstanceType { get; init; }

    /// <summary>The number of instances.</summary>
    /// <value>Defaults to 1.</value>
    public Field<double> InitialInstanceCount { get; init; } = 1;

    /// <summary>The variant's weight; traffic is shared in proportion to the weights.</summary>
    /// <value>Defaults to 1.</value>
    public Field<double> InitialVariantWeight { get; init; } = 1;

    internal TaskInput ToTaskInput() => new RequestBuilder()
        .Add("VariantName", VariantName)
        .Add("ModelName", ModelName)
        .Add("InitialInstanceCount", InitialInstanceCount)
        .Add("InstanceType", InstanceType)
        .Add("InitialVariantWeight", InitialVariantWeight)
        .Build();
}
