namespace SageBuild.StateMachines.Tasks.CodeBuild;

/// <summary>Where a CodeBuild environment variable's value comes from; named as CodeBuild spells them.</summary>
#pragma warning disable CA1707 // CodeBuild's own spelling
public enum CodeBuildEnvironmentVariableType
{
    /// <summary>The value itself.</summary>
    PLAINTEXT,

    /// <summary>The name of a Parameter Store parameter.</summary>
    PARAMETER_STORE,

    /// <summary>The name of a Secrets Manager secret.</summary>
    SECRETS_MANAGER,
}
#pragma warning restore CA1707
