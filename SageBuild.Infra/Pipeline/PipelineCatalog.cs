namespace SageBuild.Infra.Pipeline;

/// <summary>The pipeline the compiler deploys.</summary>
public static class PipelineCatalog
{
    /// <summary>The deployed pipeline: SageBuild.Functions' SageBuild pipeline.</summary>
    public static IPipelineSource Deployed { get; } = new FunctionsPipeline();
}
