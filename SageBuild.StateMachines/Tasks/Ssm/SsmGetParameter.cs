using SageBuild.StateMachines.Builders;
using SageBuild.StateMachines.Iam;

namespace SageBuild.StateMachines.Tasks.Ssm;

/// <summary>Reads a parameter through the AWS SDK integration (<c>arn:aws:states:::aws-sdk:ssm:getParameter</c>); the value is at <c>$.Parameter.Value</c>.</summary>
public sealed class SsmGetParameter : TaskStateBase
{
    private readonly SsmGetParameterOptions _options;

    /// <summary>A task named <paramref name="name"/> that reads the parameter in <paramref name="options"/>.</summary>
    public SsmGetParameter(string name, SsmGetParameterOptions options)
        : base(name, options, SsmParameters.Supported, SsmParameters.Resource("getParameter", options), RequestOf(options!)) => _options = options!;

    /// <summary>The patterns this task supports.</summary>
    public static IReadOnlyList<IntegrationPattern> SupportedPatterns => SsmParameters.Supported;

    private static TaskInput RequestOf(SsmGetParameterOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new RequestBuilder().Add("Name", options.Name).Add("WithDecryption", options.WithDecryption).Build();
    }

    private protected override IEnumerable<PolicyStatement> TaskPolicyStatements() => [SsmParameters.Policy(_options.Name, "ssm:GetParameter")];
}
