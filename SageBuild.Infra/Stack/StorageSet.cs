namespace SageBuild.Infra.Stack;

/// <summary>The stack's four buckets.</summary>
internal sealed record StorageSet(StackBucket Data, StackBucket Artifacts, StackBucket Code, StackBucket Checkpoints);
