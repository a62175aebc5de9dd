using SageBuild.Engine.Execution;

namespace SageBuild.Engine.Api;

/// <summary>The open-executions limit (<see cref="EngineOptions.MaxOpenExecutions"/>), answered with ExecutionLimitExceeded as AWS does.</summary>
public sealed partial class WorkflowEngine
{
    // Starts that passed the check but are not yet in _running: counted too, so concurrent starts cannot overshoot the limit.
    private readonly Lock _admission = new();
    private int _admitting;

    /// <summary>
    /// Lets one more STANDARD execution open, or throws ExecutionLimitExceeded; pair it with <see cref="EndAdmission"/>
    /// once the run is in <c>_running</c> (or failed to start). Express executions do not count, as on AWS.
    /// </summary>
    private void Admit()
    {
        var limit = _options.MaxOpenExecutions;
        lock (_admission)
        {
            // _running.Count bounds the STANDARD count from above, so the exact count is only taken near the limit.
            if (_running.Count + _admitting >= limit && OpenStandardExecutions() + _admitting >= limit)
            {
                throw new StepFunctionsException(StepFunctionsErrorCodes.ExecutionLimitExceeded,
                    $"Execution Limit Exceeded: {limit} executions are already open (RUNNING); the limit is the server's --max-open-executions");
            }

            _admitting++;
        }
    }

    private void EndAdmission()
    {
        lock (_admission)
            _admitting--;
    }

    private int OpenStandardExecutions() => _running.Values.Count(IsStandard);

    private static bool IsStandard(ExecutionRun run) => !run.Settings.IsExpress;
}
