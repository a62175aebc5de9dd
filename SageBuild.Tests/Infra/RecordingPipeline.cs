using SageBuild.Infra.Pipeline;

namespace SageBuild.Tests.Infra;

/// <summary>A pipeline source that remembers what the stack asked of it and what it answered.</summary>
internal sealed class RecordingPipeline(IPipelineSource inner) : IPipelineSource
{
    public PipelineResources? Resources { get; private set; }

    public PipelineDescription? Description { get; private set; }

    public PipelineDescription Describe(PipelineResources resources)
    {
        Resources = resources;
        Description = inner.Describe(resources);
        return Description;
    }
}
