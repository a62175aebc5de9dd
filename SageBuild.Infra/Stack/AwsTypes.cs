using SageBuild.Infra.Model;

namespace SageBuild.Infra.Stack;

/// <summary>The AWS provider (v7) resource types the stack uses; the tests check each against @pulumi/aws.</summary>
internal static class AwsTypes
{
    public static readonly ResourceType Bucket = new("aws:s3:Bucket");
    public static readonly ResourceType BucketVersioning = new("aws:s3:BucketVersioning");
    public static readonly ResourceType BucketEncryption = new("aws:s3:BucketServerSideEncryptionConfiguration");
    public static readonly ResourceType BucketPublicAccessBlock = new("aws:s3:BucketPublicAccessBlock");
    public static readonly ResourceType BucketLifecycle = new("aws:s3:BucketLifecycleConfiguration");
    public static readonly ResourceType BucketNotification = new("aws:s3:BucketNotification");
    public static readonly ResourceType EcrRepository = new("aws:ecr:Repository");
    public static readonly ResourceType EcrLifecyclePolicy = new("aws:ecr:LifecyclePolicy");
    public static readonly ResourceType CodeBuildProject = new("aws:codebuild:Project");
    public static readonly ResourceType CodeCommitRepository = new("aws:codecommit:Repository");
    public static readonly ResourceType StateMachine = new("aws:sfn:StateMachine");
    public static readonly ResourceType LambdaFunction = new("aws:lambda:Function");
    public static readonly ResourceType LambdaPermission = new("aws:lambda:Permission");
    public static readonly ResourceType LambdaFunctionUrl = new("aws:lambda:FunctionUrl");
    public static readonly ResourceType LogGroup = new("aws:cloudwatch:LogGroup");
    public static readonly ResourceType Dashboard = new("aws:cloudwatch:Dashboard");
    public static readonly ResourceType MetricAlarm = new("aws:cloudwatch:MetricAlarm");
    public static readonly ResourceType EventRule = new("aws:cloudwatch:EventRule");
    public static readonly ResourceType EventTarget = new("aws:cloudwatch:EventTarget");
    public static readonly ResourceType DynamoTable = new("aws:dynamodb:Table");
    public static readonly ResourceType SsmParameter = new("aws:ssm:Parameter");
    public static readonly ResourceType SnsTopic = new("aws:sns:Topic");
    public static readonly ResourceType SnsSubscription = new("aws:sns:TopicSubscription");
    public static readonly ResourceType IamRole = new("aws:iam:Role");
    public static readonly ResourceType IamRolePolicy = new("aws:iam:RolePolicy");
}
