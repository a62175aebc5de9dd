namespace SageBuild.StateMachines.Tasks.SageMaker;

/// <summary>A channel's compression; named as SageMaker spells them.</summary>
public enum CompressionType
{
    /// <summary>Not compressed.</summary>
    None,

    /// <summary>Gzip-compressed.</summary>
    Gzip,
}
