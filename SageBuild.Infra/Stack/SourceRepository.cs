using SageBuild.Infra.Configuration;
using SageBuild.Infra.Model;

namespace SageBuild.Infra.Stack;

/// <summary>
/// The model's source repository, shared by the stacks (each follows its own branch): a CodeCommit repository that
/// one stack creates and the other uses by name, or a GitHub repository.
/// </summary>
/// <param name="Source">CodeCommit or GitHub.</param>
/// <param name="CloneUrl">What CodeBuild clones.</param>
/// <param name="Arn">The CodeCommit repository's ARN; null for GitHub.</param>
internal sealed record SourceRepository(RepositorySource Source, Interpolation CloneUrl, Interpolation? Arn)
{
    public static SourceRepository Add(StackContext stack)
    {
        var settings = stack.Settings;
        if (settings.RepositorySource == RepositorySource.GitHub)
        {
            var owner = settings.GitHubOwner ?? "discovery";
            return new SourceRepository(RepositorySource.GitHub, Interpolation.Literal($"https://github.com/{owner}/{settings.RepositoryName}.git"), null);
        }

        if (!settings.CreateRepository)
        {
            return new SourceRepository(RepositorySource.CodeCommit,
                Interpolation.Format($"https://git-codecommit.{stack.Region}.amazonaws.com/v1/repos/{settings.RepositoryName}"),
                Interpolation.Format($"arn:{stack.Partition}:codecommit:{stack.Region}:{stack.AccountId}:{settings.RepositoryName}"));
        }

        // Shared with the other stack and holding the only copy of the history: never deleted with a stack.
        var repository = stack.Add("sourceRepository", AwsTypes.CodeCommitRepository, new MapValue
        {
            ["repositoryName"] = settings.RepositoryName,
            ["description"] = "SageBuild model source; each stack builds its own branch",
            ["tags"] = stack.Tags,
        }, new ResourceOptions { Protect = settings.Protect, RetainOnDelete = true });
        return new SourceRepository(RepositorySource.CodeCommit, Interpolation.Of(repository.Output("cloneUrlHttp")), Interpolation.Of(repository.Output("arn")));
    }
}
