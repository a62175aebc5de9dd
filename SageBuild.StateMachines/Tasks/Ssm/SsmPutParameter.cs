using SageBuild.StateMachines.Builders;
using SageBuild.StateMachines.Iam;

namespace SageBuild.StateMachines.Tasks.Ssm;

/// <summary>Writes a parameter through the AWS SDK integration (<c>arn:aws:states:::aws-sdk:ssm:putParameter</c>).</summary>
public sealed class SsmPutParameter : TaskStateBase
{
    private readonly SsmPutParameterOptions _options;

    /// <summary>A task named <paramref name="name"/> that writes the parameter in <paramref name="options"/>.</summary>
    public SsmPutParameter(string name, SsmPutParameterOptions options)
        : base(name, options, SsmParameters.Supported, SsmParameters.Resource("putParameter", options), RequestOf(options!)) => _options = options!;

    /// <summary>The patterns this task supports.</summary>
    public static IReadOnlyList<IntegrationPattern> SupportedPatterns => SsmParameters.Supported;

    private static TaskInput RequestOf(SsmPutParameterOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new RequestBuilder()
            .Add("Name", options.Name)
            .Add("Value", options.Value)
            .Add("Type", options.Type)
            .Add("Overwrite", options.Overwrite)
            .Add("Description", options.Description)
            .Build();
    }

    private protected override IEnumerable<PolicyStatement> TaskPolicyStatements() => [SsmParameters.Policy(_options.Name, "ssm:PutParameter")];
}
