namespace SageBuild.Local.Shapes;

/// <summary>The ARNs the local services hand out, shaped like AWS's so that code parsing them keeps working.</summary>
internal sealed record ArnFormat(string Region, string AccountId)
{
    /// <summary>A SageMaker ARN; SageMaker lower-cases the resource name in its ARNs.</summary>
    public string SageMaker(string resourceType, string name) =>
        $"arn:aws:sagemaker:{Region}:{AccountId}:{resourceType}/{name.ToLowerInvariant()}";

    public string CodeBuild(string buildId) => $"arn:aws:codebuild:{Region}:{AccountId}:build/{buildId}";

    public string CodeBuildProject(string project) => $"arn:aws:codebuild:{Region}:{AccountId}:project/{project}";
}
