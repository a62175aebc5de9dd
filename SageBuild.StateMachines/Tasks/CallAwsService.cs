using System.Globalization;
using SageBuild.StateMachines.Builders;
using SageBuild.StateMachines.Iam;

namespace SageBuild.StateMachines.Tasks;

/// <summary>
/// Calls any AWS API through the AWS SDK integration (<c>arn:aws:states:::aws-sdk:{service}:{action}</c>), for
/// calls without a typed task (for example deleting an old SageMaker model). Its IAM resources are given explicitly.
/// </summary>
public sealed class CallAwsService : TaskStateBase
{
    private static readonly IntegrationPattern[] Supported = [IntegrationPattern.RequestResponse, IntegrationPattern.WaitForTaskToken];
    private readonly CallAwsServiceOptions _options;

    /// <summary>A task named <paramref name="name"/> that makes the call in <paramref name="options"/>.</summary>
    public CallAwsService(string name, CallAwsServiceOptions options)
        : base(name, options, Supported, ResourceOf(options!), options!.Parameters ?? TaskInput.EmptyObject)
    {
        _options = options;
        if (options.IamResources.Count == 0)
            throw new ArgumentException($"CallAwsService '{name}' needs at least one IAM resource", nameof(options));
    }

    /// <summary>The patterns this task supports.</summary>
    public static IReadOnlyList<IntegrationPattern> SupportedPatterns => Supported;

    private static string ResourceOf(CallAwsServiceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.Service, nameof(options));
        ArgumentException.ThrowIfNullOrWhiteSpace(options.Action, nameof(options));
        if (!char.IsLower(options.Action[0]))
            throw new ArgumentException($"the aws-sdk action '{options.Action}' is written in camelCase, such as '{char.ToLowerInvariant(options.Action[0])}{options.Action[1..]}'", nameof(options));
        return IntegrationArn.AwsSdk(options.Service, options.Action, options.IntegrationPattern);
    }

    private protected override IEnumerable<PolicyStatement> TaskPolicyStatements()
    {
        var action = _options.IamAction ?? $"{_options.Service}:{char.ToUpper(_options.Action[0], CultureInfo.InvariantCulture)}{_options.Action[1..]}";
        yield return PolicyStatement.Allow(_options.IamResources, [action, .. _options.AdditionalIamActions]);
    }
}
