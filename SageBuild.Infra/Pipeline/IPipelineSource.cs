namespace SageBuild.Infra.Pipeline;

/// <summary>
/// The seam between the infrastructure and the pipeline (SageBuild.Functions): given the identities of the resources
/// the stack creates, the pipeline describes its state machine, the IAM its tasks need, and its Lambda handlers.
/// The same description with local identities is what the embedded engine runs.
/// </summary>
public interface IPipelineSource
{
    /// <summary>
    /// The pipeline of a stack whose resources are <paramref name="resources"/>. Values in
    /// <paramref name="resources"/> may be placeholders (<c>${statusTopic.arn}</c>) that the program resolves; the
    /// description must carry them through unchanged, in its definition and in its IAM statements.
    /// </summary>
    PipelineDescription Describe(PipelineResources resources);
}
