namespace SageBuild.Infra.Pipeline;

/// <summary>The pipeline the compiler deploys.</summary>
public static class PipelineCatalog
{
    /// <summary>
    /// The deployed pipeline: SageBuild.Functions' pipeline once it lands. Until then there is none, and the compiler
    /// says so rather than deploy a stand-in (the tests exercise the stack with a provisional pipeline of their own).
    /// </summary>
    public static IPipelineSource Deployed { get; } = new PendingPipeline();

    private sealed class PendingPipeline : IPipelineSource
    {
        public PipelineDescription Describe(PipelineResources resources) =>
            throw new InvalidOperationException("the SageBuild pipeline (SageBuild.Functions) has not landed yet, so there is no state machine to deploy");
    }
}
