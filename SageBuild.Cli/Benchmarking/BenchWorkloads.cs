using SageBuild.StateMachines.Builders;
using SageBuild.StateMachines.Conditions;
using SageBuild.StateMachines.Json;
using SageBuild.StateMachines.Model;

namespace SageBuild.Cli.Benchmarking;

/// <summary>
/// The workloads of issue 3's benchmark, built with the builders. A scale below 1 shrinks the sizes (for tests
/// and quick looks); 1 is the size the README reports.
/// </summary>
internal static class BenchWorkloads
{
    /// <summary>
    /// Every workload in the given query language. The JSONata variant builds the same five shapes with JSONata states
    /// (Output, Condition, Items, ItemSelector) and carries the JSONPath variant as its baseline: no peer runs JSONata
    /// (aws-local-stepfunctions ignores it), so its figure is the ratio to SageBuild's own JSONPath run.
    /// </summary>
    public static IReadOnlyList<BenchWorkload> For(QueryLanguage language, double scale = 1)
    {
        if (language == QueryLanguage.JSONata)
            return [.. For(QueryLanguage.JSONPath, scale).Select(w => BenchJsonataWorkloads.Of(w) with { Baseline = w })];

        return
        [
            SmallExecutions(Scaled(5_000, scale)),
            DistributedMap(Scaled(20_000, scale)),
            ChoiceLoop(Scaled(1_000, scale)),
            ParallelBranchesOf(Scaled(100, scale)),
            DistributedChoiceLoops(Scaled(400, scale), Scaled(60, scale)),
        ];
    }

    /// <summary>(a) Pass + Choice + an inline Map of 3, run many times.</summary>
    public static BenchWorkload SmallExecutions(int executions)
    {
        var start = new Pass("Start", new PassOptions { Result = JsonObject.Create(("kind", "small"), ("items", JsonArray.Create(1, 2, 3))) });
        var each = new Map("EachItem", new MapOptions { ItemsPath = "$.items" }).ItemProcessor(new Pass("Item"));
        var route = new Choice("Route")
            .When(Condition.StringEquals("$.kind", "small"), each)
            .Otherwise(new Fail("Unexpected", new FailOptions { Error = "Bench.Unexpected" }));
        var definition = StateMachine.Define("BenchSmall", Chain.Start(start).Next(route)).Build();
        return new BenchWorkload("a", $"{executions:N0} sequential small executions (Pass + Choice + Map of 3)", definition, JsonObject.Empty, executions, 6);
    }

    /// <summary>(b) A DISTRIBUTED Map over many items, each a Pass.</summary>
    public static BenchWorkload DistributedMap(int items) =>
        new("b", $"DISTRIBUTED Map over {items:N0} items", MapOver(ProcessorMode.DISTRIBUTED, "BenchDistributed"), ItemsInput(items), 1, 1 + items);

    /// <summary>The same Map, INLINE: over 25,000 history events, which AWS fails.</summary>
    public static BenchWorkload InlineMap(int items) =>
        new("b-inline", $"INLINE Map over {items:N0} items (over AWS's 25,000-event history limit)", MapOver(ProcessorMode.INLINE, "BenchInline"), ItemsInput(items), 1, 1 + items);

    /// <summary>(c) A Choice loop of n iterations: Choice, then a Pass that adds one, n times.</summary>
    public static BenchWorkload ChoiceLoop(int iterations)
    {
        var definition = StateMachine.Define("BenchLoop", Loop("Loop", iterations)).Build();
        return new BenchWorkload("c", $"{iterations:N0}-iteration Choice loop", definition, JsonObject.Create(("i", 0)), 1, LoopTransitions(iterations));
    }

    /// <summary>(d) A Parallel of n branches, each a Pass.</summary>
    public static BenchWorkload ParallelBranchesOf(int branches)
    {
        var parallel = new ParallelBranches("Fan");
        for (var i = 0; i < branches; i++)
            parallel.Branch(new Pass($"Branch{i}", new PassOptions { Result = JsonNumber.From(i) }));
        var definition = StateMachine.Define("BenchParallel", parallel).Build();
        return new BenchWorkload("d", $"Parallel of {branches:N0} branches", definition, JsonObject.Empty, 1, 1 + branches);
    }

    /// <summary>(e) A DISTRIBUTED Map over n items, each running a Choice loop of m iterations.</summary>
    public static BenchWorkload DistributedChoiceLoops(int items, int iterations)
    {
        var map = new Map("EachItem", new MapOptions
        {
            Mode = ProcessorMode.DISTRIBUTED,
            ItemsPath = "$.items",
            ItemSelector = TaskInput.FromObject(("i", 0)),
        }).ItemProcessor(Loop("ItemLoop", iterations));
        var definition = StateMachine.Define("BenchDistributedLoops", map).Build();
        return new BenchWorkload("e", $"DISTRIBUTED Map over {items:N0} items, each a {iterations:N0}-iteration Choice loop", definition, ItemsInput(items), 1,
            1 + (items * LoopTransitions(iterations)));
    }

    private static Choice Loop(string prefix, int iterations)
    {
        var check = new Choice($"{prefix}Check");
        var increment = new Pass($"{prefix}Increment", new PassOptions { Parameters = TaskInput.FromObject(("i", JsonPath.MathAdd("$.i", 1))) });
        increment.Next(check);
        check.When(Condition.NumberLessThan("$.i", iterations), increment).Otherwise(new Succeed($"{prefix}Done"));
        return check;
    }

    // Each iteration is the Choice and the Pass; the last Choice and the Succeed end it.
    private static long LoopTransitions(int iterations) => (2L * iterations) + 2;

    private static StateMachineDefinition MapOver(ProcessorMode mode, string name) =>
        StateMachine.Define(name, new Map("EachItem", new MapOptions { Mode = mode, ItemsPath = "$.items" }).ItemProcessor(new Pass("Item"))).Build();

    private static JsonObject ItemsInput(int items)
    {
        var values = new JsonValue[items];
        for (var i = 0; i < items; i++)
            values[i] = JsonNumber.From(i);
        return JsonObject.Create(("items", JsonArray.Wrap(values)));
    }

    private static int Scaled(int size, double scale) => Math.Max(1, (int)Math.Round(size * scale));
}
