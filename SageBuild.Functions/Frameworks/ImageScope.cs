namespace SageBuild.Functions.Frameworks;

/// <summary>Which image of a framework: the one that trains or the one that serves.</summary>
public enum ImageScope
{
    /// <summary>The training image.</summary>
    Training,

    /// <summary>The inference (hosting) image.</summary>
    Inference,
}
