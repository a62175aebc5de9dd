namespace SageBuild.Infra.Configuration;

/// <summary>Where the model's source repository lives.</summary>
public enum RepositorySource
{
    /// <summary>An AWS CodeCommit repository; pushes arrive through EventBridge.</summary>
    CodeCommit,

    /// <summary>A GitHub repository; pushes arrive through a signed webhook.</summary>
    GitHub,
}
