using SageBuild.StateMachines.Builders;
using SageBuild.StateMachines.Iam;

namespace SageBuild.StateMachines.Tasks.StepFunctions;

/// <summary>
/// Starts an execution of another state machine (<c>arn:aws:states:::states:startExecution</c>); with
/// <see cref="IntegrationPattern.RunJob"/> it waits for it with <c>.sync:2</c>, whose Output is JSON rather than a string.
/// </summary>
public sealed class StepFunctionsStartExecution : TaskStateBase
{
    private static readonly IntegrationPattern[] Supported = [IntegrationPattern.RequestResponse, IntegrationPattern.RunJob, IntegrationPattern.WaitForTaskToken];
    private readonly StepFunctionsStartExecutionOptions _options;

    /// <summary>A task named <paramref name="name"/> that starts the state machine in <paramref name="options"/>.</summary>
    public StepFunctionsStartExecution(string name, StepFunctionsStartExecutionOptions options)
        : base(name, options, Supported, IntegrationArn.For("states", "startExecution", options?.IntegrationPattern ?? default, ".sync:2"), RequestOf(options!)) =>
        _options = options!;

    /// <summary>The patterns this task supports.</summary>
    public static IReadOnlyList<IntegrationPattern> SupportedPatterns => Supported;

    private static TaskInput RequestOf(StepFunctionsStartExecutionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var input = options.Input ?? TaskInput.StateInput;
        if (options.AssociateWithParent)
        {
            if (!input.IsObject)
                throw new ArgumentException("AssociateWithParent adds a field to the child's input, so Input must be an object template", nameof(options));
            input = input.With("AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID", TaskInput.ExecutionId);
        }

        return new RequestBuilder()
            .Add("StateMachineArn", options.StateMachineArn)
            .Add("Input", input)
            .Add("Name", options.ExecutionName)
            .Build();
    }

    private protected override IEnumerable<PolicyStatement> TaskPolicyStatements()
    {
        var machine = _options.StateMachineArn;
        yield return PolicyStatement.Allow(machine.IsDynamic ? Arn.StateMachine("*") : machine.Value!, "states:StartExecution");
        if (IntegrationPattern != IntegrationPattern.RunJob)
            yield break;

        // .sync:2 polls the child and stops it when this task is stopped; the child's executions share its name.
        var executions = machine.IsDynamic || !machine.Value!.Contains(":stateMachine:", StringComparison.Ordinal)
            ? Arn.Executions("*")
            : machine.Value.Replace(":stateMachine:", ":execution:", StringComparison.Ordinal) + ":*";
        yield return PolicyStatement.Allow(executions, "states:DescribeExecution", "states:StopExecution");
        yield return PolicyStatement.Allow(Arn.Events("rule/StepFunctionsGetEventsForStepFunctionsExecutionRule"),
            "events:PutTargets", "events:PutRule", "events:DescribeRule");
    }
}
