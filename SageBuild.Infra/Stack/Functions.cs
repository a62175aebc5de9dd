using System.Text.RegularExpressions;
using SageBuild.Functions.Aws;
using SageBuild.Infra.Model;
using SageBuild.Infra.Pipeline;
using SageBuild.StateMachines.Iam;

namespace SageBuild.Infra.Stack;

/// <summary>
/// The pipeline's Lambda handlers: the managed dotnet10 runtime running the package <c>dotnet publish</c> made of
/// SageBuild.Functions (<c>fn::fileArchive</c>), each with its own log group, retention, role and X-Ray tracing.
/// Every function gets the SAGEBUILD_* environment variables listed in the README.
/// </summary>
internal static partial class Functions
{
    public static IReadOnlyList<StackFunction> Add(StackContext stack, PipelineDescription pipeline, PipelineResources resources)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var deployed = new List<StackFunction>();
        foreach (var handler in pipeline.Functions)
        {
            if (!HandlerNamePattern().IsMatch(handler.Name))
                throw new InvalidOperationException($"the Lambda handler name '{handler.Name}' can't name a function: use lowercase letters, digits and '-', starting with a letter");
            if (!seen.Add(handler.Name))
                throw new InvalidOperationException($"the pipeline lists the Lambda handler '{handler.Name}' twice");
            deployed.Add(Add(stack, handler, resources));
        }

        return deployed;
    }

    private static StackFunction Add(StackContext stack, LambdaHandler handler, PipelineResources resources)
    {
        var logical = StackText.Camel(handler.Name);
        var functionName = resources.FunctionName(handler.Name);
        var logGroup = stack.Add(logical + "LogGroup", AwsTypes.LogGroup, new MapValue
        {
            ["name"] = "/aws/lambda/" + functionName,
            ["retentionInDays"] = stack.Settings.LogRetentionDays,
            ["tags"] = stack.Tags,
        });
        var statements = new List<PolicyStatement> { Roles.WriteLogs(logGroup.Output("arn")), Roles.XRay() };
        statements.AddRange(handler.Permissions);
        var role = Roles.Create(stack, logical + "Role", "fn-" + handler.Name, "lambda.amazonaws.com", statements, $"The SageBuild {handler.Name} function");

        var environment = new MapValue
        {
            [LambdaVariables.Stack] = stack.Settings.Stack,
            [LambdaVariables.Branch] = stack.Settings.Branch,
            [LambdaVariables.StateMachineArn] = stack.Text(resources.StateMachineArn),
            [LambdaVariables.LedgerTable] = stack.Text(resources.Pipeline.LedgerTableName),
            [LambdaVariables.ConfigParameter] = stack.Text(resources.Pipeline.ConfigParameterName),
            [LambdaVariables.StatusTopicArn] = stack.Text(resources.Pipeline.StatusTopicArn),
            [LambdaVariables.LaunchTopicArn] = stack.Text(resources.LaunchTopicArn),
            [LambdaVariables.DataBucket] = stack.Text(resources.Pipeline.DataBucket),
            [LambdaVariables.DataPrefix] = stack.Text(resources.Pipeline.DataPrefix),
            [LambdaVariables.GitHubSecretParameter] = handler.Role == LambdaRole.GitHubWebhook && resources.GitHubWebhookSecretParameter is { } secret ? PropertyValue.Text(secret) : null,
        };
        foreach (var (key, value) in handler.Environment.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            if (environment.ContainsKey(key))
                throw new InvalidOperationException($"the Lambda handler '{handler.Name}' sets {key}, which the stack sets for every function");
            environment = environment.With(key, stack.Text(value));
        }

        var function = stack.Add(logical + "Function", AwsTypes.LambdaFunction, new MapValue
        {
            ["name"] = functionName,
            ["description"] = handler.Description.Length == 0 ? null : PropertyValue.Text(handler.Description),
            ["runtime"] = "dotnet10",
            ["handler"] = handler.Handler,
            ["code"] = FunctionCall.FileArchive(stack.Settings.FunctionsPackage),
            ["role"] = role.Output("arn"),
            ["architectures"] = PropertyValue.Texts(["arm64"]),
            ["memorySize"] = handler.MemoryMegabytes,
            ["timeout"] = (int)Math.Ceiling(handler.Timeout.TotalSeconds),
            ["environment"] = new MapValue { ["variables"] = environment },
            ["loggingConfig"] = new MapValue { ["logFormat"] = "JSON", ["logGroup"] = logGroup.Output("name") },
            ["tracingConfig"] = new MapValue { ["mode"] = "Active" },
            ["tags"] = stack.Tags,
        },
        // The log group must exist first, or Lambda creates one with no retention; the role's policy before the first call.
        new ResourceOptions { DependsOn = [logGroup, stack.Program.Resource(logical + "RolePolicy")] });
        return new StackFunction(handler, function, logGroup);
    }

    [GeneratedRegex("^[a-z][a-z0-9-]{0,30}$")]
    private static partial Regex HandlerNamePattern();
}
