namespace SageBuild.StateMachines.Tasks.SageMaker;

/// <summary>How a channel's data is spread over the instances; named as SageMaker spells them.</summary>
public enum S3DataDistribution
{
    /// <summary>Every instance gets all the data.</summary>
    FullyReplicated,

    /// <summary>Each instance gets a share of the objects.</summary>
    ShardedByS3Key,
}
