namespace SageBuild.Functions.Aws;

/// <summary>
/// The environment variables SageBuild.Infra gives every deployed function, beside the ones the Lambda runtime sets
/// (<c>AWS_REGION</c> and the role's temporary credentials). The handlers that call AWS read them; the stack writes them.
/// </summary>
public static class LambdaVariables
{
    /// <summary>The stack, such as <c>dev</c>.</summary>
    public const string Stack = "SAGEBUILD_STACK";

    /// <summary>The git branch the stack builds.</summary>
    public const string Branch = "SAGEBUILD_BRANCH";

    /// <summary>The ARN of the pipeline's state machine, which the trigger, webhook and Alexa functions start and watch.</summary>
    public const string StateMachineArn = "SAGEBUILD_STATE_MACHINE_ARN";

    /// <summary>The DynamoDB build ledger's table.</summary>
    public const string LedgerTable = "SAGEBUILD_LEDGER_TABLE";

    /// <summary>The SSM parameter holding the configuration document.</summary>
    public const string ConfigParameter = "SAGEBUILD_CONFIG_PARAMETER";

    /// <summary>The SNS topic of build notifications.</summary>
    public const string StatusTopicArn = "SAGEBUILD_STATUS_TOPIC_ARN";

    /// <summary>The SNS topic any system may publish to in order to start a build.</summary>
    public const string LaunchTopicArn = "SAGEBUILD_LAUNCH_TOPIC_ARN";

    /// <summary>The shared data bucket.</summary>
    public const string DataBucket = "SAGEBUILD_DATA_BUCKET";

    /// <summary>The key prefix of training data.</summary>
    public const string DataPrefix = "SAGEBUILD_DATA_PREFIX";

    /// <summary>The SecureString parameter holding the GitHub webhook's secret (the secret itself is never in the environment).</summary>
    public const string GitHubSecretParameter = "SAGEBUILD_GITHUB_SECRET_PARAMETER";

    /// <summary>A required variable's value; throws naming the variable and what needs it when it is unset or empty.</summary>
    public static string Required(Func<string, string?> variables, string name, string neededFor)
    {
        ArgumentNullException.ThrowIfNull(variables);
        return variables(name) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"{name} is not set: {neededFor} (SageBuild.Infra sets it on every deployed function)");
    }
}
