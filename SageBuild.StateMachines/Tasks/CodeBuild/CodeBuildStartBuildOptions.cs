using SageBuild.StateMachines.Builders;

namespace SageBuild.StateMachines.Tasks.CodeBuild;

/// <summary>The options of a <see cref="CodeBuildStartBuild"/> task.</summary>
public sealed record CodeBuildStartBuildOptions : TaskStateOptions
{
    /// <summary>The project's name; a literal scopes the IAM grant to that project.</summary>
    public required Field<string> ProjectName { get; init; }

    /// <summary>The commit, branch or tag to build, pinning the build to the triggering commit.</summary>
    /// <value>None by default: the project's default version.</value>
    public Field<string>? SourceVersion { get; init; }

    /// <summary>Environment variables added to or replacing the project's.</summary>
    /// <value>None by default.</value>
    public IReadOnlyList<CodeBuildEnvironmentVariable>? EnvironmentVariablesOverride { get; init; }

    /// <summary>A buildspec that replaces the project's.</summary>
    /// <value>None by default.</value>
    public Field<string>? BuildspecOverride { get; init; }
}
