using SageBuild.Functions.Handlers;
using SageBuild.Infra.Model;
using SageBuild.StateMachines.Iam;

namespace SageBuild.Infra.Stack;

/// <summary>
/// The SageMaker execution roles: one for training and tuning jobs, one for hosting (models and endpoints). Each
/// reads and writes only this stack's buckets and pulls only this stack's images of its kind. The state machine may pass them
/// to SageMaker and to nothing else.
/// </summary>
internal static class SageMakerRoles
{
    /// <summary>Where endpoint data capture writes in the artifacts bucket (the pipeline's default DataCaptureConfig destination).</summary>
    public const string DataCapturePrefix = EndpointConfigFunction.DataCapturePrefix;

    public static (Resource Training, Resource Hosting) Add(StackContext stack, StorageSet storage, Resource trainingRepository, Resource inferenceRepository)
    {
        string Objects(StackBucket bucket) => StackContext.Placeholder(bucket.Arn) + "/*";
        string BucketArn(StackBucket bucket) => StackContext.Placeholder(bucket.Arn);
        var logs = Arn.Of("logs", "log-group:/aws/sagemaker/*");

        var training = new List<PolicyStatement>
        {
            PolicyStatement.Allow([BucketArn(storage.Data), BucketArn(storage.Artifacts), BucketArn(storage.Code), BucketArn(storage.Checkpoints)], "s3:ListBucket", "s3:GetBucketLocation"),
            PolicyStatement.Allow([Objects(storage.Data), Objects(storage.Code)], "s3:GetObject"),
            PolicyStatement.Allow([Objects(storage.Artifacts), Objects(storage.Checkpoints)], "s3:GetObject", "s3:PutObject", "s3:AbortMultipartUpload"),
            PolicyStatement.Allow(Objects(storage.Checkpoints), "s3:DeleteObject"),
        };
        // Training pulls only training images, hosting only inference images.
        training.AddRange(Common(StackContext.Placeholder(trainingRepository.Output("arn")), logs));

        var hosting = new List<PolicyStatement>
        {
            PolicyStatement.Allow([BucketArn(storage.Artifacts), BucketArn(storage.Code)], "s3:ListBucket", "s3:GetBucketLocation"),
            PolicyStatement.Allow([Objects(storage.Artifacts), Objects(storage.Code)], "s3:GetObject"),
            // Endpoint data capture writes with the endpoint's role, under its own prefix of the artifacts bucket.
            PolicyStatement.Allow(StackContext.Placeholder(storage.Artifacts.Arn) + "/" + DataCapturePrefix + "*", "s3:PutObject"),
        };
        hosting.AddRange(Common(StackContext.Placeholder(inferenceRepository.Output("arn")), logs));

        return (Roles.Create(stack, "sagemakerTrainingRole", "sagemaker-training", "sagemaker.amazonaws.com", training, "SageMaker training and tuning jobs of SageBuild"),
                Roles.Create(stack, "sagemakerHostingRole", "sagemaker-hosting", "sagemaker.amazonaws.com", hosting, "SageMaker models and endpoints of SageBuild"));
    }

    private static IEnumerable<PolicyStatement> Common(string repository, string logs)
    {
        yield return PolicyStatement.Allow(repository, "ecr:BatchCheckLayerAvailability", "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer");
        // ECR's registry login has no resource-level permission: AWS accepts only "*" for it.
        yield return PolicyStatement.Allow("*", "ecr:GetAuthorizationToken");
        yield return PolicyStatement.Allow(logs, "logs:CreateLogGroup", "logs:DescribeLogStreams");
        yield return PolicyStatement.Allow(logs + ":log-stream:*", "logs:CreateLogStream", "logs:PutLogEvents");
        // PutMetricData has no resource-level permission; the namespace condition confines it to SageMaker's metrics.
        yield return PolicyStatement.Allow("*", "cloudwatch:PutMetricData").When("StringLike", "cloudwatch:namespace", "/aws/sagemaker/*");
    }
}
