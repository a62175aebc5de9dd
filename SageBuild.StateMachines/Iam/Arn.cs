namespace SageBuild.StateMachines.Iam;

/// <summary>
/// Builds resource ARNs of this account and region, with <see cref="ArnContext"/> tokens in place of the
/// partition, region and account, which only the deployment knows.
/// </summary>
public static class Arn
{
    /// <summary><c>arn:${Partition}:{service}:${Region}:${Account}:{resource}</c>.</summary>
    public static string Of(string service, string resource) =>
        $"arn:{ArnContext.PartitionToken}:{service}:{ArnContext.RegionToken}:{ArnContext.AccountToken}:{resource}";

    /// <summary>A global service's ARN (IAM): no region.</summary>
    public static string Global(string service, string resource) =>
        $"arn:{ArnContext.PartitionToken}:{service}::{ArnContext.AccountToken}:{resource}";

    /// <summary>A SageMaker resource, such as <c>training-job/name*</c>.</summary>
    public static string SageMaker(string resource) => Of("sagemaker", resource);

    /// <summary>An EventBridge resource, such as <c>rule/StepFunctionsGetEventsForSageMakerTrainingJobsRule</c>.</summary>
    public static string Events(string resource) => Of("events", resource);

    /// <summary>A Lambda function by name (or a name with a qualifier).</summary>
    public static string LambdaFunction(string name) => Of("lambda", $"function:{name}");

    /// <summary>An SNS topic by name.</summary>
    public static string SnsTopic(string name) => Of("sns", name);

    /// <summary>A CodeBuild project by name.</summary>
    public static string CodeBuildProject(string name) => Of("codebuild", $"project/{name}");

    /// <summary>A DynamoDB table by name.</summary>
    public static string DynamoDbTable(string name) => Of("dynamodb", $"table/{name}");

    /// <summary>An SSM parameter by name; a leading slash is not doubled.</summary>
    public static string SsmParameter(string name) => Of("ssm", $"parameter/{name.TrimStart('/')}");

    /// <summary>A Step Functions state machine by name.</summary>
    public static string StateMachine(string name) => Of("states", $"stateMachine:{name}");

    /// <summary>The executions of the state machine named <paramref name="name"/>.</summary>
    public static string Executions(string name) => Of("states", $"execution:{name}:*");

    /// <summary>An IAM role by name.</summary>
    public static string Role(string name) => Global("iam", $"role/{name}");

    /// <summary>Whether <paramref name="value"/> is already an ARN (or an unresolved reference that stands for one).</summary>
    public static bool IsArn(string value) => value.StartsWith("arn:", StringComparison.Ordinal) || value.StartsWith("${", StringComparison.Ordinal);

    /// <summary>The resource name part of an ARN split on <paramref name="separator"/>: the text after the last one.</summary>
    internal static string LastSegment(string arn, char separator)
    {
        var i = arn.LastIndexOf(separator);
        return i < 0 ? arn : arn[(i + 1)..];
    }
}
