using SageBuild.Infra.Model;
using SageBuild.StateMachines.Iam;
using SageBuild.StateMachines.Json;

namespace SageBuild.Infra.Stack;

/// <summary>
/// IAM roles: a role that only one AWS service, acting for this account, can assume, and one inline policy of
/// least-privilege statements. No managed policy is ever attached, so nothing like AdministratorAccess or
/// *FullAccess can creep in.
/// </summary>
internal static class Roles
{
    public static Resource Create(StackContext stack, string logicalName, string purpose, string service, IEnumerable<PolicyStatement> statements, string description)
    {
        var trust = JsonObject.Create(
            ("Version", PolicyDocument.Version),
            ("Statement", JsonArray.Create([JsonObject.Create(
                ("Effect", "Allow"),
                ("Principal", JsonObject.Create(("Service", service))),
                ("Action", "sts:AssumeRole"),
                // The confused-deputy guard: the service may assume the role only on behalf of this account.
                ("Condition", JsonObject.Create(("StringEquals", JsonObject.Create(("aws:SourceAccount", StackContext.Placeholder(stack.AccountId))))))),
            ])));
        var role = stack.Add(logicalName, AwsTypes.IamRole, new MapValue
        {
            ["name"] = stack.Names.Role(purpose),
            ["description"] = description,
            ["assumeRolePolicy"] = FunctionCall.ToJson(stack.Json(trust)),
            ["tags"] = stack.Tags,
        });
        var merged = PolicyDocument.Create(statements);
        if (merged.Statements.Count > 0)
        {
            stack.Add(logicalName + "Policy", AwsTypes.IamRolePolicy, new MapValue
            {
                ["name"] = "least-privilege",
                ["role"] = role.Output("id"),
                ["policy"] = stack.Policy(merged.Statements),
            });
        }

        return role;
    }

    /// <summary>Writes to one log group's streams (CreateLogGroup is not granted: the stack creates every log group).</summary>
    public static PolicyStatement WriteLogs(Reference logGroupArn) =>
        PolicyStatement.Allow(StackContext.Placeholder(logGroupArn) + ":*", "logs:CreateLogStream", "logs:PutLogEvents");

    /// <summary>X-Ray tracing: these actions have no resource-level permissions in AWS, so "*" is the only resource.</summary>
    public static PolicyStatement XRay() =>
        PolicyStatement.Allow("*", "xray:PutTelemetryRecords", "xray:PutTraceSegments", "xray:GetSamplingRules", "xray:GetSamplingTargets");
}
