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

    public ChildExecution(ExecutionRun run, ChildExecutionNames names, JsonValue input, DateTimeOffset startDate)
    {
        Name = NewName(run.Random);
        StateMachineName = names.StateMachineName;
        StateMachineArn = names.StateMachineArn;
        ExecutionArn = string.Concat(names.ExecutionArnPrefix, Name);
        RoleArn = run.Settings.RoleArn;
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

    /// <summary>A UUID-shaped name drawn from the execution's seeded random source (so a rerun names children alike).</summary>
    private static string NewName(Random random)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        return Format(bytes);
    }

    private static string Format(ReadOnlySpan<byte> bytes)
    {
        Span<char> text = stackalloc char[36];
        var at = 0;
        for (var i = 0; i < 16; i++)
        {
            if (i is 4 or 6 or 8 or 10)
                text[at++] = '-';
            text[at++] = "0123456789abcdef"[bytes[i] >> 4];
            text[at++] = "0123456789abcdef"[bytes[i] & 0xF];
        }

        return new string(text);
    }

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
