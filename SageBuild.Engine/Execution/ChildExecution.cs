using SageBuild.Engine.Stores;
using SageBuild.StateMachines.Json;

namespace SageBuild.Engine.Execution;

/// <summary>
/// A child execution of a distributed Map: in AWS each item (or batch) runs as an execution of its own, named by the
/// Map Run (<c>arn:aws:states:region:account:execution:machine/label:name</c>), with its own <c>$$.Execution</c>.
/// </summary>
internal sealed class ChildExecution
{
    private JsonObject? _executionContext;
    private JsonObject? _stateMachineContext;

    public ChildExecution(ExecutionRun run, string label, JsonValue input, DateTimeOffset startDate)
    {
        var settings = run.Settings;
        Span<byte> bytes = stackalloc byte[16];
        run.Random.NextBytes(bytes);
        var hex = Convert.ToHexStringLower(bytes);
        Name = $"{hex[..8]}-{hex[8..12]}-{hex[12..16]}-{hex[16..20]}-{hex[20..]}";
        StateMachineName = $"{settings.StateMachineName}/{label}";
        StateMachineArn = $"arn:aws:states:{settings.Region}:{settings.AccountId}:stateMachine:{StateMachineName}";
        ExecutionArn = $"arn:aws:states:{settings.Region}:{settings.AccountId}:execution:{StateMachineName}:{Name}";
        RoleArn = settings.RoleArn;
        Input = input;
        StartDate = startDate;
        Definition = run.Record.Definition;
    }

    public string Name { get; }

    public string StateMachineName { get; }

    public string StateMachineArn { get; }

    public string ExecutionArn { get; }

    public string RoleArn { get; }

    public JsonValue Input { get; }

    public DateTimeOffset StartDate { get; }

    public string Definition { get; }

    public ChildExecutionSink Sink { get; } = new();

    /// <summary><c>$$.Execution</c> inside the child, built when first read.</summary>
    public JsonObject ExecutionContext => _executionContext ??= JsonObject.Create(
        ("Id", ExecutionArn),
        ("Input", Input),
        ("StartTime", Timestamps.Format(StartDate)),
        ("Name", Name),
        ("RoleArn", RoleArn),
        ("RedriveCount", 0));

    /// <summary><c>$$.StateMachine</c> inside the child.</summary>
    public JsonObject StateMachineContext => _stateMachineContext ??= JsonObject.Create(("Id", StateMachineArn), ("Name", StateMachineName));

    /// <summary>The child's record once it has ended.</summary>
    public ExecutionRecord Record(ExecutionStatus status, DateTimeOffset stopDate, StepResult result) =>
        new(ExecutionArn, StateMachineArn, Name, Definition, status, StartDate, Input)
        {
            StopDate = stopDate,
            Output = result.Kind == StepKind.End ? result.Output : null,
            Error = result.Failure?.Error,
            Cause = result.Failure?.Cause,
        };
}
