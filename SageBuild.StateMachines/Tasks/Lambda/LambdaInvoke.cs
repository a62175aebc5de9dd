using SageBuild.StateMachines.Builders;
using SageBuild.StateMachines.Iam;

namespace SageBuild.StateMachines.Tasks.Lambda;

/// <summary>Invokes a Lambda function (<c>arn:aws:states:::lambda:invoke</c>); the result is in <c>Payload</c>.</summary>
public sealed class LambdaInvoke : TaskStateBase
{
    private static readonly IntegrationPattern[] Supported = [IntegrationPattern.RequestResponse, IntegrationPattern.WaitForTaskToken];
    private readonly LambdaInvokeOptions _options;

    /// <summary>A task named <paramref name="name"/> that invokes the function in <paramref name="options"/>.</summary>
    public LambdaInvoke(string name, LambdaInvokeOptions options)
        : base(name, options, Supported, IntegrationArn.For("lambda", "invoke", options?.IntegrationPattern ?? default), RequestOf(options!))
    {
        _options = options!;
        if (_options.RetryOnServiceExceptions)
            AddRetry(Retries.LambdaServiceErrors);
    }

    /// <summary>The patterns this task supports.</summary>
    public static IReadOnlyList<IntegrationPattern> SupportedPatterns => Supported;

    private static TaskInput RequestOf(LambdaInvokeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new RequestBuilder()
            .Add("FunctionName", options.FunctionName)
            .Add("Payload", options.Payload ?? TaskInput.StateInput)
            .Add("InvocationType", options.InvocationType?.ToString())
            .Add("Qualifier", options.Qualifier)
            .Build();
    }

    private protected override IEnumerable<PolicyStatement> TaskPolicyStatements()
    {
        // A literal function is granted with and without a qualifier (":*" covers its versions and aliases).
        var function = _options.FunctionName;
        var arn = function.IsDynamic ? Arn.LambdaFunction(IamResources.NamePattern(function))
            : Iam.Arn.IsArn(function.Value!) ? function.Value! : Arn.LambdaFunction(function.Value!);
        yield return PolicyStatement.Allow(function.IsDynamic ? [arn] : [arn, arn + ":*"], "lambda:InvokeFunction");
    }
}
