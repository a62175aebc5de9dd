namespace SageBuild.StateMachines.Tasks;

/// <summary>Builds the Resource ARN of a service integration: one table maps each pattern to its suffix.</summary>
internal static class IntegrationArn
{
    // Integration ARNs carry the "aws" partition: Step Functions resolves them, and the local engine reads them as they are.
    private const string Prefix = "arn:aws:states:::";

    /// <summary><c>arn:aws:states:::{service}:{action}{suffix}</c>.</summary>
    public static string For(string service, string action, IntegrationPattern pattern, string runJobSuffix = ".sync") =>
        $"{Prefix}{service}:{action}{Suffix(pattern, runJobSuffix)}";

    /// <summary>An AWS SDK integration: <c>arn:aws:states:::aws-sdk:{service}:{action}{suffix}</c>.</summary>
    public static string AwsSdk(string service, string action, IntegrationPattern pattern) => For($"aws-sdk:{service}", action, pattern);

    public static string Suffix(IntegrationPattern pattern, string runJobSuffix = ".sync") => pattern switch
    {
        IntegrationPattern.RequestResponse => "",
        IntegrationPattern.RunJob => runJobSuffix,
        IntegrationPattern.WaitForTaskToken => ".waitForTaskToken",
        _ => throw new ArgumentOutOfRangeException(nameof(pattern), pattern, "not an integration pattern"),
    };
}
