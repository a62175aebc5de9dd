using SageBuild.StateMachines.Builders;
using SageBuild.StateMachines.Iam;

namespace SageBuild.StateMachines.Tasks.Ssm;

/// <summary>What the SSM parameter tasks share: the aws-sdk integration and the parameter-scoped grant.</summary>
internal static class SsmParameters
{
    public static readonly IntegrationPattern[] Supported = [IntegrationPattern.RequestResponse];

    public static string Resource(string action, TaskStateOptions? options) => IntegrationArn.AwsSdk("ssm", action, options?.IntegrationPattern ?? default);

    public static PolicyStatement Policy(Field<string> name, string action)
    {
        // A name from the input can only be granted on every parameter of the account and region (or its literal prefix).
        var arn = name.IsDynamic ? Arn.SsmParameter(IamResources.NamePattern(name))
            : Arn.IsArn(name.Value!) ? name.Value! : Arn.SsmParameter(name.Value!);
        return PolicyStatement.Allow(arn, action);
    }
}
