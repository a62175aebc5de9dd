namespace SageBuild.StateMachines.Tasks.SageMaker;

/// <summary>What an S3 URI of a channel names; named as SageMaker spells them.</summary>
public enum S3DataType
{
    /// <summary>Every object under the prefix.</summary>
    S3Prefix,

    /// <summary>A manifest that lists the objects.</summary>
    ManifestFile,

    /// <summary>An augmented manifest (JSON lines with attributes).</summary>
    AugmentedManifestFile,
}
