using SageBuild.Engine.Integrations;
using SageBuild.Local.Build;
using SageBuild.Local.Shapes;
using SageBuild.StateMachines.Model;
using SageBuild.StateMachines.Tasks;

namespace SageBuild.Local.Integrations;

/// <summary>
/// <c>arn:aws:states:::codebuild:startBuild(.sync)</c>, taking StartBuild's parameters in Step Functions' PascalCase
/// (<c>ProjectName</c>, <c>SourceVersion</c>, <c>EnvironmentVariablesOverride</c>, <c>BuildspecOverride</c>...) and
/// returning <c>{"Build": {...}}</c>. With <c>.sync</c> a build that does not succeed gives <c>States.TaskFailed</c>
/// with that result as the cause. A task re-driven after a crash finds the build it started instead of starting another.
/// </summary>
internal sealed class CodeBuildIntegration(LocalBuildService builds) : IServiceIntegration
{
    public IReadOnlyCollection<string> Keys { get; } = ["codebuild:startBuild"];

    public IReadOnlyCollection<IntegrationPattern> SupportedPatterns { get; } = [IntegrationPattern.RequestResponse, IntegrationPattern.RunJob];

    public async ValueTask<IntegrationOutcome> InvokeAsync(IntegrationRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        RunningBuild build;
        try
        {
            var start = StartBuildRequest.Parse(request.Parameters);
            var context = request.Context;
            build = builds.Start(start, $"{context.ExecutionArn}/{context.StateName}/{context.Attempt}");
        }
        catch (ServiceException e)
        {
            return AwsErrors.Outcome(e, request.Target, "CodeBuild", "AWSCodeBuildException");
        }

        if (request.Target.Pattern != IntegrationPattern.RunJob)
            return IntegrationOutcome.Success(build.Describe());

        await LocalBuildService.WaitAsync(build, cancellationToken);
        cancellationToken.ThrowIfCancellationRequested(); // the build was stopped because the task was
        var result = build.Describe();
        return build.BuildStatus == "SUCCEEDED"
            ? IntegrationOutcome.Success(result)
            : IntegrationOutcome.Failure(ErrorNames.TaskFailed, result.ToJson());
    }
}
