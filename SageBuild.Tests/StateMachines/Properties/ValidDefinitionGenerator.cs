using CsCheck;
using SageBuild.StateMachines.Conditions;
using SageBuild.StateMachines.Json;
using SageBuild.StateMachines.Model;

namespace SageBuild.Tests.StateMachines.Properties;

/// <summary>
/// A generator of valid definitions: a shape (a chain of steps, some holding nested chains) is drawn at random,
/// then wired deterministically: unique names, every state reachable, every chain ending, Choice operands of the
/// right type, States.ALL only alone and last, Resources that Step Functions accepts, numbers in range.
/// </summary>
internal static class ValidDefinitionGenerator
{
    private enum Kind { Pass, Task, Wait, Choice, Parallel, Map }

    /// <summary>A step of a chain; <see cref="Inner"/> holds a Parallel's branches or a Map's processor.</summary>
    private sealed record Step(Kind Kind, int Variant, Step[][] Inner);

    private static readonly string[] Resources =
    [
        "arn:aws:states:::lambda:invoke", "arn:aws:states:::lambda:invoke.waitForTaskToken", "arn:aws:states:::sagemaker:createTrainingJob.sync",
        "arn:aws:states:::sagemaker:createModel", "arn:aws:states:::codebuild:startBuild.sync", "arn:aws:states:::sns:publish",
        "arn:aws:states:::states:startExecution.sync:2", "arn:aws:states:::dynamodb:updateItem", "arn:aws:states:::aws-sdk:ssm:putParameter",
        "arn:aws:lambda:eu-west-1:123456789012:function:Evaluate:live", "arn:aws:states:us-east-1:123456789012:activity:Approve",
    ];

    private static Gen<Step[]> Chain(int depth) =>
        Gen.Select(Gen.Enum<Kind>(), Gen.Int[0, 1000]).Array[1, 4].SelectMany(picks => All(
            picks.Select(p => Inner(p.Item1, depth).Select(inner => new Step(depth >= 2 && p.Item1 is Kind.Parallel or Kind.Map ? Kind.Pass : p.Item1, p.Item2, inner))).ToArray()));

    /// <summary>One value from each generator, in order.</summary>
    private static Gen<T[]> All<T>(Gen<T>[] gens) =>
        gens.Aggregate(Gen.Const(Array.Empty<T>()), (all, next) => all.SelectMany(values => next.Select(value => values.Append(value).ToArray())));

    private static Gen<Step[][]> Inner(Kind kind, int depth) => depth >= 2
        ? Gen.Const(Array.Empty<Step[]>())
        : kind switch
        {
            Kind.Parallel => Gen.Recursive<Step[][]>((_, _) => Chain(depth + 1).Array[1, 3]),
            Kind.Map => Chain(depth + 1).Select(c => new[] { c }),
            _ => Gen.Const(Array.Empty<Step[]>()),
        };

    /// <summary>Valid definitions.</summary>
    public static readonly Gen<StateMachineDefinition> Definitions =
        Chain(0).Select(steps =>
        {
            var names = new Namer();
            var graph = Wire(steps, names);
            return new StateMachineDefinition { StartAt = graph.StartAt, States = graph.States, Comment = "generated", TimeoutSeconds = 3600 };
        });

    private static StateGraph Wire(Step[] steps, Namer names)
    {
        var stepNames = steps.Select(s => names.Next(s.Kind.ToString())).ToArray();
        var done = names.Next("Done");
        var failed = names.Next("Failed");
        var usesFailed = false;
        var states = new List<KeyValuePair<string, State>>();
        for (var i = 0; i < steps.Length; i++)
        {
            var next = i + 1 < steps.Length ? stepNames[i + 1] : done;
            var (state, catches) = Build(steps[i], next, failed, names);
            usesFailed |= catches;
            states.Add(KeyValuePair.Create(stepNames[i], state));
        }

        states.Add(KeyValuePair.Create(done, (State)(steps[^1].Variant % 2 == 0 ? new SucceedState() : new PassState { Result = "done", End = true })));
        if (usesFailed)
            states.Add(KeyValuePair.Create(failed, (State)new FailState { Error = "Generated.Failure", CausePath = "$.Cause" }));
        return new StateGraph { StartAt = stepNames[0], States = StateMap.Create(states) };
    }

    private static (State State, bool Catches) Build(Step step, string next, string failed, Namer names)
    {
        var v = step.Variant;
        switch (step.Kind)
        {
            case Kind.Pass:
                return (new PassState { Next = next, Result = JsonObject.Create(("step", v)), ResultPath = v % 3 == 0 ? NullablePath.Null : "$.result", Assign = v % 4 == 0 ? JsonObject.Create(("count", v)) : null }, false);
            case Kind.Task:
                var catches = v % 2 == 0;
                return (new TaskState
                {
                    Resource = Resources[v % Resources.Length],
                    Next = next,
                    Parameters = JsonObject.Create(("Input.$", "$"), ("Step", v)),
                    TimeoutSeconds = 300,
                    HeartbeatSeconds = v % 5 == 0 ? 60 : null,
                    Retry = [new Retrier { ErrorEquals = ["States.Timeout", "Lambda.ServiceException"], IntervalSeconds = 1 + (v % 5), MaxAttempts = v % 4, BackoffRate = 1 + (v % 3) }, new Retrier { ErrorEquals = [ErrorNames.All], MaxDelaySeconds = 30, JitterStrategy = JitterStrategy.FULL }],
                    Catch = catches ? [new Catcher { ErrorEquals = [ErrorNames.All], Next = failed, ResultPath = "$.error" }] : null,
                }, catches);
            case Kind.Wait:
                return ((v % 3) switch
                {
                    0 => new WaitState { Next = next, Seconds = v % 60 },
                    1 => new WaitState { Next = next, SecondsPath = "$.wait" },
                    _ => new WaitState { Next = next, Timestamp = "2030-06-01T12:00:00Z" },
                }, false);
            case Kind.Choice:
                var operators = Enum.GetValues<ComparisonOperator>();
                var rules = Enumerable.Range(0, 1 + (v % 3))
                    .Select(k => operators[(v + (k * 7)) % operators.Length])
                    .Select((op, k) => new ChoiceRule { Condition = Wrap(Condition.Comparison("$.value", op, Operand(op, v + k)), v + k), Next = next })
                    .ToArray();
                return (new ChoiceState { Choices = rules, Default = next }, false);
            case Kind.Parallel:
                return (new ParallelState { Next = next, Branches = ValueList.From(step.Inner.Select(b => Wire(b, names))), ResultPath = "$.branches" }, false);
            default:
                var processor = Wire(step.Inner[0], names);
                var distributed = v % 2 == 0;
                return (new MapState
                {
                    Next = next,
                    ItemsPath = "$.items",
                    MaxConcurrency = v % 10,
                    ToleratedFailurePercentage = distributed ? v % 101 : null,
                    Label = distributed ? names.Next("Label").Replace(" ", "", StringComparison.Ordinal) : null,
                    ItemProcessor = new ItemProcessor
                    {
                        StartAt = processor.StartAt, States = processor.States,
                        ProcessorConfig = distributed ? new ProcessorConfig { Mode = ProcessorMode.DISTRIBUTED, ExecutionType = ExecutionType.EXPRESS } : null,
                    },
                }, false);
        }
    }

    private static Condition Wrap(Condition condition, int v) => (v % 4) switch
    {
        0 => Condition.Not(condition),
        1 => Condition.And(Condition.IsPresent("$.value"), condition),
        2 => Condition.Or(condition, Condition.IsNull("$.other")),
        _ => condition,
    };

    private static JsonValue Operand(ComparisonOperator op, int v) => op.OperandKind() switch
    {
        OperandKind.Path => "$.other",
        OperandKind.String => "value-" + v.ToString(CultureInfo.InvariantCulture),
        OperandKind.Number => v * 0.5,
        OperandKind.Boolean => v % 2 == 0,
        _ => new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero).AddHours(v).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
    };

    /// <summary>Hands out names unique across the whole definition.</summary>
    private sealed class Namer
    {
        private int _count;

        public string Next(string prefix) => $"{prefix} {++_count}";
    }
}
