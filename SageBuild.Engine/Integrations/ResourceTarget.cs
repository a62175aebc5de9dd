using SageBuild.StateMachines.Tasks;

namespace SageBuild.Engine.Integrations;

/// <summary>
/// A Task's Resource, parsed: <c>arn:aws:states:::sagemaker:createTrainingJob.sync</c> is service <c>sagemaker</c>,
/// action <c>createTrainingJob</c>, pattern <see cref="IntegrationPattern.RunJob"/>. A Lambda function ARN is
/// service <c>lambda</c>, action <c>invoke</c>, with <see cref="FunctionArn"/> set.
/// </summary>
/// <param name="Service">The service, such as <c>sagemaker</c>, or <c>aws-sdk:ssm</c> for SDK integrations.</param>
/// <param name="Action">The API action, such as <c>createTrainingJob</c> or <c>getParameter</c>.</param>
/// <param name="Pattern">The integration pattern.</param>
/// <param name="FunctionArn">For a plain Lambda ARN resource, the function's ARN; else null.</param>
/// <param name="ActivityArn">For an activity resource, the activity's ARN; else null.</param>
public sealed record ResourceTarget(string Service, string Action, IntegrationPattern Pattern, string? FunctionArn = null, string? ActivityArn = null)
{
    /// <summary>The registry key: <c>service:action</c>.</summary>
    public string Key => $"{Service}:{Action}";
}
