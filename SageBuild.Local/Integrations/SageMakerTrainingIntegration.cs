using SageBuild.Engine.Integrations;
using SageBuild.Local.Shapes;
using SageBuild.Local.Training;
using SageBuild.StateMachines.Json;
using SageBuild.StateMachines.Model;
using SageBuild.StateMachines.Tasks;

namespace SageBuild.Local.Integrations;

/// <summary>
/// <c>arn:aws:states:::sagemaker:createTrainingJob(.sync)</c>. With <c>.sync</c> the result is the job's
/// DescribeTrainingJob response once it completes; a job that fails or stops gives <c>States.TaskFailed</c> with that
/// response as the cause, as Step Functions does. Without it the result is <c>{"TrainingJobArn"}</c> at once.
/// </summary>
internal sealed class SageMakerTrainingIntegration(LocalTrainingService training) : IServiceIntegration
{
    public IReadOnlyCollection<string> Keys { get; } = ["sagemaker:createTrainingJob"];

    public IReadOnlyCollection<IntegrationPattern> SupportedPatterns { get; } = [IntegrationPattern.RequestResponse, IntegrationPattern.RunJob];

    public async ValueTask<IntegrationOutcome> InvokeAsync(IntegrationRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        RunningTrainingJob job;
        try
        {
            job = training.Start(request.Parameters);
        }
        catch (ServiceException e)
        {
            return AwsErrors.Outcome(e, request.Target, "SageMaker", "AmazonSageMakerException");
        }

        if (request.Target.Pattern != IntegrationPattern.RunJob)
            return IntegrationOutcome.Success(JsonObject.Create(("TrainingJobArn", job.Record.Arn)));

        await job.WaitAsync(cancellationToken);
        cancellationToken.ThrowIfCancellationRequested(); // the job was stopped because the task was
        var description = job.Record.Describe(TimestampFormat.EpochMilliseconds);
        return job.Record.Status == "Completed"
            ? IntegrationOutcome.Success(description)
            : IntegrationOutcome.Failure(ErrorNames.TaskFailed, description.ToJson());
    }
}
