using SageBuild.StateMachines.Builders;

namespace SageBuild.StateMachines.Tasks.SageMaker;

/// <summary>One inference container of a model.</summary>
public sealed record ContainerDefinition
{
    /// <summary>The inference image URI.</summary>
    public required Field<string> Image { get; init; }

    /// <summary>The S3 URI of the model artifact (model.tar.gz).</summary>
    /// <value>None by default: an image that holds its model.</value>
    public Field<string>? ModelDataUrl { get; init; }

    /// <summary>Environment variables of the container.</summary>
    /// <value>None by default.</value>
    public IReadOnlyDictionary<string, Field<string>>? Environment { get; init; }

    /// <summary>The container's host name, to address it in a Direct multi-container model.</summary>
    /// <value>None by default.</value>
    public Field<string>? ContainerHostname { get; init; }

    internal TaskInput ToTaskInput() => new RequestBuilder()
        .Add("ContainerHostname", ContainerHostname)
        .Add("Image", Image)
        .Add("ModelDataUrl", ModelDataUrl)
        .AddMap("Environment", Environment)
        .Build();
}
