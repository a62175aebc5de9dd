using SageBuild.Infra.Configuration;
using SageBuild.Infra.Model;
using SageBuild.StateMachines.Iam;

namespace SageBuild.Infra.Stack;

/// <summary>
/// The CodeBuild project that builds training and inference images: a privileged (Docker) build of the repository at
/// the commit the pipeline pins with each StartBuild's sourceVersion, pushed to ECR with the tag it passes
/// (<c>Training_v&lt;n&gt;</c>, <c>Inference_v&lt;n&gt;</c>).
/// </summary>
internal static class ImageBuild
{
    /// <summary>
    /// The build: the pipeline overrides REPOSITORY_URI, IMAGE_TAG and DOCKER_CONTEXT per build; the repository URIs
    /// of the project's environment are the defaults.
    /// </summary>
    internal const string BuildSpec = """
        version: 0.2
        env:
          shell: bash
        phases:
          pre_build:
            commands:
              - REPOSITORY_URI="${REPOSITORY_URI:-$TRAINING_REPOSITORY_URI}"
              - test -n "$IMAGE_TAG" || { echo "IMAGE_TAG is required (Training_v<n> or Inference_v<n>)"; exit 1; }
              - aws ecr get-login-password --region "$AWS_REGION" | docker login --username AWS --password-stdin "${REPOSITORY_URI%%/*}"
          build:
            commands:
              - docker build --tag "$REPOSITORY_URI:$IMAGE_TAG" "${DOCKER_CONTEXT:-.}"
          post_build:
            commands:
              - docker push "$REPOSITORY_URI:$IMAGE_TAG"
        """;

    public static Resource Add(StackContext stack, SourceRepository source, Resource trainingRepository, Resource inferenceRepository)
    {
        var logGroup = stack.Add("imageBuildLogGroup", AwsTypes.LogGroup, new MapValue
        {
            ["name"] = "/aws/codebuild/" + stack.Names.ImageBuildProject,
            ["retentionInDays"] = stack.Settings.LogRetentionDays,
            ["tags"] = stack.Tags,
        });
        var repositories = new[] { trainingRepository, inferenceRepository }.Select(r => StackContext.Placeholder(r.Output("arn"))).ToArray();
        var statements = new List<PolicyStatement>
        {
            Roles.WriteLogs(logGroup.Output("arn")),
            PolicyStatement.Allow(repositories,
                "ecr:BatchCheckLayerAvailability", "ecr:BatchGetImage", "ecr:CompleteLayerUpload", "ecr:GetDownloadUrlForLayer",
                "ecr:InitiateLayerUpload", "ecr:PutImage", "ecr:UploadLayerPart"),
            // ECR's registry login has no resource-level permission: AWS accepts only "*" for it.
            PolicyStatement.Allow("*", "ecr:GetAuthorizationToken"),
        };
        if (source.Arn is { } repositoryArn)
            statements.Add(PolicyStatement.Allow(StackContext.Placeholder(repositoryArn), "codecommit:GitPull"));
        var role = Roles.Create(stack, "imageBuildRole", "codebuild", "codebuild.amazonaws.com", statements, "CodeBuild image builds of SageBuild");

        return stack.Add("imageBuildProject", AwsTypes.CodeBuildProject, new MapValue
        {
            ["name"] = stack.Names.ImageBuildProject,
            ["description"] = "Builds SageBuild training and inference images at the commit each build pins",
            ["serviceRole"] = role.Output("arn"),
            ["buildTimeout"] = 60,
            ["artifacts"] = new MapValue { ["type"] = "NO_ARTIFACTS" },
            ["environment"] = new MapValue
            {
                ["type"] = "LINUX_CONTAINER",
                ["computeType"] = stack.Settings.ImageBuildComputeType,
                ["image"] = "aws/codebuild/amazonlinux-x86_64-standard:5.0",
                ["imagePullCredentialsType"] = "CODEBUILD",
                // Docker builds need the privileged mode.
                ["privilegedMode"] = true,
                ["environmentVariables"] = PropertyValue.List(
                    Variable("TRAINING_REPOSITORY_URI", Interpolation.Of(trainingRepository.Output("repositoryUrl"))),
                    Variable("INFERENCE_REPOSITORY_URI", Interpolation.Of(inferenceRepository.Output("repositoryUrl")))),
            },
            ["source"] = new MapValue
            {
                ["type"] = source.Source == RepositorySource.GitHub ? "GITHUB" : "CODECOMMIT",
                ["location"] = source.CloneUrl,
                ["buildspec"] = BuildSpec,
            },
            ["logsConfig"] = new MapValue
            {
                ["cloudwatchLogs"] = new MapValue { ["groupName"] = logGroup.Output("name"), ["status"] = "ENABLED" },
            },
            ["tags"] = stack.Tags,
        });
    }

    private static MapValue Variable(string name, Interpolation value) => new()
    {
        ["name"] = name,
        ["value"] = value,
        ["type"] = "PLAINTEXT",
    };
}
