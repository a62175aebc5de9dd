using SageBuild.StateMachines.Model;

namespace SageBuild.StateMachines.Builders;

/// <summary>Ready-made Retry rules.</summary>
public static class Retries
{
    /// <summary>
    /// Throttling and transient service errors of the AWS integrations SageBuild calls: retried six times with
    /// full jitter, starting at two seconds and capped at a minute. Job failures (States.TaskFailed) are not
    /// retried: a failed training job fails again.
    /// </summary>
    public static RetrierOptions TransientAws { get; } = new()
    {
        ErrorEquals =
        [
            "Lambda.ClientExecutionTimeoutException",
            "Lambda.ServiceException",
            "Lambda.AWSLambdaException",
            "Lambda.SdkClientException",
            "Lambda.TooManyRequestsException",
            "SageMaker.AmazonSageMakerException",
            "SageMaker.ThrottlingException",
            "CodeBuild.AWSCodeBuildException",
            "DynamoDB.ProvisionedThroughputExceededException",
            "DynamoDB.ThrottlingException",
            "DynamoDB.InternalServerErrorException",
            "SNS.ThrottledException",
            "SNS.InternalErrorException",
            "Ssm.ThrottlingException",
            "Ssm.InternalServerErrorException",
            "StepFunctions.ThrottlingException",
            "ThrottlingException",
        ],
        IntervalSeconds = 2,
        MaxAttempts = 6,
        BackoffRate = 2.0,
        MaxDelaySeconds = 60,
        Jitter = JitterStrategy.FULL,
        Comment = "throttling and transient AWS errors",
    };

    /// <summary>The errors Lambda's own service raises, retried as AWS recommends for every lambda:invoke task.</summary>
    public static RetrierOptions LambdaServiceErrors { get; } = new()
    {
        ErrorEquals = ["Lambda.ClientExecutionTimeoutException", "Lambda.ServiceException", "Lambda.AWSLambdaException", "Lambda.SdkClientException"],
        IntervalSeconds = 2,
        MaxAttempts = 6,
        BackoffRate = 2.0,
    };

    /// <summary>Any error, <paramref name="maxAttempts"/> times with the default backoff.</summary>
    public static RetrierOptions All(int maxAttempts = RetrierDefaults.MaxAttempts) => new() { MaxAttempts = maxAttempts };
}
