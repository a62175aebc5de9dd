using SageBuild.Engine.Integrations;
using SageBuild.Local.Shapes;
using SageBuild.Local.Tuning;
using SageBuild.StateMachines.Json;
using SageBuild.StateMachines.Model;
using SageBuild.StateMachines.Tasks;

namespace SageBuild.Local.Integrations;

/// <summary>
/// <c>arn:aws:states:::sagemaker:createHyperParameterTuningJob(.sync)</c>: the result is the
/// DescribeHyperParameterTuningJob response with its BestTrainingJob; a tuning job that fails or stops gives
/// <c>States.TaskFailed</c> with that response as the cause.
/// </summary>
internal sealed class SageMakerTuningIntegration(LocalTuningService tuning) : IServiceIntegration
{
    public IReadOnlyCollection<string> Keys { get; } = ["sagemaker:createHyperParameterTuningJob"];

    public IReadOnlyCollection<IntegrationPattern> SupportedPatterns { get; } = [IntegrationPattern.RequestResponse, IntegrationPattern.RunJob];

    public async ValueTask<IntegrationOutcome> InvokeAsync(IntegrationRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        RunningTuningJob job;
        try
        {
            job = tuning.Start(request.Parameters);
        }
        catch (ServiceException e)
        {
            return AwsErrors.Outcome(e, request.Target, "SageMaker", "AmazonSageMakerException");
        }

        if (request.Target.Pattern != IntegrationPattern.RunJob)
            return IntegrationOutcome.Success(JsonObject.Create(("HyperParameterTuningJobArn", job.Describe()["HyperParameterTuningJobArn"])));

        await job.WaitAsync(cancellationToken);
        cancellationToken.ThrowIfCancellationRequested();
        var description = job.Describe();
        return job.Status == "Completed"
            ? IntegrationOutcome.Success(description)
            : IntegrationOutcome.Failure(ErrorNames.TaskFailed, description.ToJson());
    }
}
