using SageBuild.Infra.Model;
using SageBuild.Infra.Pipeline;
using SageBuild.StateMachines.Iam;
using SageBuild.StateMachines.Json;

namespace SageBuild.Infra.Stack;

/// <summary>
/// The Step Functions state machine: the pipeline's definition through <c>fn::toJSON</c> with its placeholders
/// turned into references, a role whose policy is exactly what the pipeline's tasks derived (plus logging and
/// tracing), execution logging to its own log group, and X-Ray tracing.
/// </summary>
internal static class Orchestration
{
    public static Resource Add(StackContext stack, PipelineDescription pipeline)
    {
        var logGroup = stack.Add("stateMachineLogGroup", AwsTypes.LogGroup, new MapValue
        {
            // Step Functions' log resource policy covers /aws/vendedlogs/ without growing per log group.
            ["name"] = "/aws/vendedlogs/states/" + stack.Names.StateMachine,
            ["retentionInDays"] = stack.Settings.LogRetentionDays,
            ["tags"] = stack.Tags,
        });

        var statements = new List<PolicyStatement>(pipeline.Statements)
        {
            // Vended-log delivery actions have no resource-level permissions: AWS documents "*" as their only resource.
            PolicyStatement.Allow("*",
                "logs:CreateLogDelivery", "logs:DeleteLogDelivery", "logs:DescribeLogGroups", "logs:DescribeResourcePolicies",
                "logs:GetLogDelivery", "logs:ListLogDeliveries", "logs:PutResourcePolicy", "logs:UpdateLogDelivery"),
            Roles.XRay(),
        };
        var role = Roles.Create(stack, "stateMachineRole", "states", "states.amazonaws.com", statements, "The SageBuild pipeline's state machine");

        return stack.Add("stateMachine", AwsTypes.StateMachine, new MapValue
        {
            ["name"] = stack.Names.StateMachine,
            ["type"] = "STANDARD",
            ["roleArn"] = role.Output("arn"),
            ["definition"] = FunctionCall.ToJson(stack.Json(AslJson.ToJsonValue(pipeline.Definition))),
            ["loggingConfiguration"] = new MapValue
            {
                ["logDestination"] = Interpolation.Format($"{logGroup.Output("arn")}:*"),
                ["includeExecutionData"] = true,
                ["level"] = "ALL",
            },
            ["tracingConfiguration"] = new MapValue { ["enabled"] = true },
            ["tags"] = stack.Tags,
        },
        // The role's policy must be in place before the first execution can call anything.
        new ResourceOptions { DependsOn = [stack.Program.Resource("stateMachineRolePolicy")] });
    }
}
