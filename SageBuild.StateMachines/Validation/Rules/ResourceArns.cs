using System.Collections.Frozen;
using System.Text.RegularExpressions;

namespace SageBuild.StateMachines.Validation.Rules;

/// <summary>
/// The shapes of the ARNs a Task's Resource may hold: an optimized integration
/// (<c>arn:aws:states:::sagemaker:createTrainingJob.sync</c>), an AWS SDK integration
/// (<c>arn:aws:states:::aws-sdk:ssm:getParameter</c>), a Lambda function ARN or an activity ARN.
/// Each check returns null when the ARN is fine, else what is wrong with it.
/// </summary>
internal static partial class ResourceArns
{
    private const string Sync = ".sync";
    private const string Sync2 = ".sync:2";
    private const string WaitForTaskToken = ".waitForTaskToken";

    // The optimized integrations and the patterns each supports besides request-response, from the table in
    // AWS's "Integrating optimized services with Step Functions". An unknown service is most often a typo, and
    // any API of any service can still be called through aws-sdk.
    private static readonly FrozenDictionary<string, string[]> OptimizedServices = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["apigateway"] = [WaitForTaskToken],
        ["athena"] = [Sync],
        ["batch"] = [Sync],
        ["bedrock"] = [Sync, WaitForTaskToken],
        ["codebuild"] = [Sync],
        ["databrew"] = [Sync],
        ["dynamodb"] = [],
        ["ecs"] = [Sync, WaitForTaskToken],
        ["eks"] = [Sync, WaitForTaskToken],
        ["elasticmapreduce"] = [Sync],
        ["emr-containers"] = [Sync],
        ["emr-serverless"] = [Sync],
        ["events"] = [WaitForTaskToken],
        ["glue"] = [Sync],
        ["http"] = [],
        ["lambda"] = [WaitForTaskToken],
        ["mediaconvert"] = [Sync],
        ["sagemaker"] = [Sync],
        ["sns"] = [WaitForTaskToken],
        ["sqs"] = [WaitForTaskToken],
        ["states"] = [Sync, Sync2, WaitForTaskToken],
    }.ToFrozenDictionary(StringComparer.Ordinal);

    // Where a service supports .sync only for the actions that start a job, the actions that do.
    private static readonly FrozenDictionary<string, string[]> SyncActions = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["sagemaker"] = ["createTrainingJob", "createTransformJob", "createProcessingJob", "createHyperParameterTuningJob", "createLabelingJob"],
        ["codebuild"] = ["startBuild", "startBuildBatch"],
        ["states"] = ["startExecution"],
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private const string Forms =
        "use an integration (arn:aws:states:::service:action, such as arn:aws:states:::lambda:invoke), an AWS SDK integration " +
        "(arn:aws:states:::aws-sdk:service:action), a Lambda function ARN (arn:aws:lambda:region:account:function:name) " +
        "or an activity ARN (arn:aws:states:region:account:activity:name)";

    /// <summary>What is wrong with a Task's Resource, or null.</summary>
    public static string? TaskResourceProblem(string resource)
    {
        var parts = resource.Split(':', 6);
        if (parts.Length < 6 || parts[0] != "arn")
            return $"\"{resource}\" is not an ARN: {Forms}";
        var (partition, service, region, account, rest) = (parts[1], parts[2], parts[3], parts[4], parts[5]);
        if (!Partition().IsMatch(partition))
            return $"\"{partition}\" in \"{resource}\" is not an AWS partition (aws, aws-cn, aws-us-gov, …)";
        return service switch
        {
            "states" when region.Length == 0 && account.Length == 0 => IntegrationProblem(resource, rest),
            "states" => ActivityProblem(resource, region, account, rest),
            "lambda" => LambdaProblem(resource, region, account, rest),
            _ => $"\"{resource}\" is an ARN of '{service}', which a Task cannot run directly: {Forms}",
        };
    }

    /// <summary>What is wrong with an ItemReader's Resource, or null.</summary>
    public static string? ItemReaderProblem(string resource) =>
        S3Integration(resource) is "getObject" or "listObjectsV2"
            ? null
            : $"an ItemReader reads from Amazon S3: its Resource is arn:aws:states:::s3:getObject (one object) or arn:aws:states:::s3:listObjectsV2 (the objects under a prefix), not \"{resource}\"";

    /// <summary>What is wrong with a ResultWriter's Resource, or null.</summary>
    public static string? ResultWriterProblem(string resource) =>
        S3Integration(resource) is "putObject"
            ? null
            : $"a ResultWriter writes to Amazon S3: its Resource is arn:aws:states:::s3:putObject, not \"{resource}\"";

    private static string? S3Integration(string resource)
    {
        var match = S3IntegrationShape().Match(resource);
        return match.Success ? match.Groups["action"].Value : null;
    }

    private static string? IntegrationProblem(string resource, string rest)
    {
        var dot = rest.IndexOf('.', StringComparison.Ordinal);
        var (target, suffix) = dot < 0 ? (rest, "") : (rest[..dot], rest[dot..]);
        if (suffix.Length > 0 && suffix is not (Sync or Sync2 or WaitForTaskToken))
            return $"\"{suffix}\" in \"{resource}\" is not an integration pattern: end the ARN with nothing (request-response), .sync, .sync:2 or .waitForTaskToken";
        var names = target.Split(':');
        if (names.Length == 3 && names[0] == "aws-sdk")
            return SdkProblem(resource, names[1], names[2], suffix);
        if (names.Length != 2 || names[0].Length == 0)
            return $"\"{resource}\" is not an integration ARN: after arn:aws:states::: comes service:action, such as lambda:invoke, or aws-sdk:service:action";
        var (service, action) = (names[0], names[1]);
        if (!OptimizedServices.TryGetValue(service, out var patterns))
        {
            return $"'{service}' in \"{resource}\" is not a Step Functions optimized integration: call it through the AWS SDK integration " +
                   $"(arn:aws:states:::aws-sdk:{service}:{action}) or use one of {string.Join(", ", OptimizedServices.Keys.Order(StringComparer.Ordinal))}";
        }

        if (!Action().IsMatch(action))
            return $"'{action}' in \"{resource}\" is not an API action: actions are written in camelCase, such as createTrainingJob";
        if (suffix.Length == 0)
            return null;
        var supported = patterns.Contains(suffix, StringComparer.Ordinal)
            && (suffix == WaitForTaskToken || !SyncActions.TryGetValue(service, out var jobs) || jobs.Contains(action, StringComparer.Ordinal));
        if (supported)
            return null;
        var offered = patterns.Length == 0 ? "only request-response (no suffix)" : "request-response (no suffix) or " + string.Join(", ", patterns);
        return $"{service}:{action} does not support the {suffix} pattern: it offers {offered}" +
               (SyncActions.TryGetValue(service, out var syncJobs) && suffix.StartsWith(Sync, StringComparison.Ordinal)
                   ? $", and waits for a job (.sync) only with {string.Join(", ", syncJobs)}"
                   : "");
    }

    private static string? SdkProblem(string resource, string service, string action, string suffix)
    {
        if (!SdkService().IsMatch(service))
            return $"'{service}' in \"{resource}\" is not an AWS service name: use its SDK name in lowercase, such as ssm or s3";
        if (!Action().IsMatch(action))
            return $"'{action}' in \"{resource}\" is not an API action: the AWS SDK integration names actions in camelCase, such as getParameter";
        return suffix is "" or WaitForTaskToken
            ? null
            : $"the AWS SDK integration does not support {suffix}: it offers request-response (no suffix) and .waitForTaskToken; wait for a job with an optimized integration or a polling loop";
    }

    private static string? ActivityProblem(string resource, string region, string account, string rest)
    {
        if (!rest.StartsWith("activity:", StringComparison.Ordinal))
            return $"\"{resource}\" names a region and account, so it must be an activity ARN (arn:aws:states:region:account:activity:name); an integration ARN leaves both empty (arn:aws:states:::service:action)";
        return RegionAndAccountProblem(resource, region, account)
            ?? (rest.Length is > 9 and <= 89 ? null : $"the activity name in \"{resource}\" must have 1 to 80 characters");
    }

    private static string? LambdaProblem(string resource, string region, string account, string rest) =>
        RegionAndAccountProblem(resource, region, account)
        ?? (LambdaFunction().IsMatch(rest)
            ? null
            : $"\"{resource}\" is not a Lambda function ARN: it ends in function:name or function:name:qualifier, where the name has 1 to 64 letters, digits, '-' or '_'");

    private static string? RegionAndAccountProblem(string resource, string region, string account)
    {
        if (!Region().IsMatch(region))
            return $"\"{region}\" in \"{resource}\" is not an AWS region such as us-east-1";
        return Account().IsMatch(account) ? null : $"\"{account}\" in \"{resource}\" is not a 12-digit AWS account id";
    }

    [GeneratedRegex(@"^aws(-[a-z]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex Partition();

    [GeneratedRegex(@"^[a-z]{2}(-[a-z]+)+-\d+$", RegexOptions.CultureInvariant)]
    private static partial Regex Region();

    [GeneratedRegex(@"^\d{12}$", RegexOptions.CultureInvariant)]
    private static partial Regex Account();

    [GeneratedRegex(@"^[a-z][A-Za-z0-9]*$", RegexOptions.CultureInvariant)]
    private static partial Regex Action();

    [GeneratedRegex(@"^[a-z0-9]+(-[a-z0-9]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex SdkService();

    [GeneratedRegex(@"^function:[A-Za-z0-9_-]{1,64}(:(\$LATEST|[A-Za-z0-9_-]{1,128}))?$", RegexOptions.CultureInvariant)]
    private static partial Regex LambdaFunction();

    [GeneratedRegex(@"^arn:aws(-[a-z]+)*:states:::s3:(?<action>[A-Za-z0-9]+)$", RegexOptions.CultureInvariant)]
    private static partial Regex S3IntegrationShape();
}
