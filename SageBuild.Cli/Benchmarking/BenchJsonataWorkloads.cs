using SageBuild.StateMachines.Builders;
using SageBuild.StateMachines.Conditions;
using SageBuild.StateMachines.Json;
using SageBuild.StateMachines.Model;

namespace SageBuild.Cli.Benchmarking;

/// <summary>
/// The JSONata variant of each benchmark workload: the same states, transitions and results as the JSONPath one,
/// with every data step written in JSONata (Output instead of Result/Parameters, Condition instead of comparisons,
/// Items instead of ItemsPath), built with the builders in a machine whose QueryLanguage is JSONata.
/// </summary>
internal static class BenchJsonataWorkloads
{
    private static readonly StateMachineOptions JsonataMachine = new() { QueryLanguage = QueryLanguage.JSONata };

    /// <summary>The JSONata twin of <paramref name="jsonPath"/> (same key, size, input and transitions).</summary>
    public static BenchWorkload Of(BenchWorkload jsonPath)
    {
        ArgumentNullException.ThrowIfNull(jsonPath);
        var definition = jsonPath.Key switch
        {
            "a" => SmallExecutions(),
            "b" => MapOver(ProcessorMode.DISTRIBUTED, "BenchDistributedJsonata"),
            "c" => Define("BenchLoopJsonata", Loop("Loop", Iterations(jsonPath))),
            "d" => ParallelBranchesOf((int)jsonPath.TransitionsPerExecution - 1),
            "e" => DistributedChoiceLoops(LoopIterations(jsonPath)),
            _ => throw new ArgumentException($"no JSONata variant of workload '{jsonPath.Key}'", nameof(jsonPath)),
        };
        return jsonPath with { Title = jsonPath.Title + " [JSONata]", Definition = definition };
    }

    private static StateMachineDefinition SmallExecutions()
    {
        var start = new Pass("Start", new PassOptions { Output = JsonObject.Create(("kind", "small"), ("items", JsonArray.Create(1, 2, 3))) });
        var each = new Map("EachItem", new MapOptions { Items = Jsonata.Value("$states.input.items") }).ItemProcessor(new Pass("Item"));
        var route = new Choice("Route")
            .When(Condition.Jsonata("$states.input.kind = 'small'"), each)
            .Otherwise(new Fail("Unexpected", new FailOptions { Error = "Bench.Unexpected" }));
        return Define("BenchSmallJsonata", Chain.Start(start).Next(route));
    }

    private static StateMachineDefinition MapOver(ProcessorMode mode, string name) =>
        Define(name, new Map("EachItem", new MapOptions { Mode = mode, Items = Jsonata.Value("$states.input.items") }).ItemProcessor(new Pass("Item")));

    private static StateMachineDefinition ParallelBranchesOf(int branches)
    {
        var parallel = new ParallelBranches("Fan");
        for (var i = 0; i < branches; i++)
            parallel.Branch(new Pass($"Branch{i}", new PassOptions { Output = JsonNumber.From(i) }));
        return Define("BenchParallelJsonata", parallel);
    }

    private static StateMachineDefinition DistributedChoiceLoops(int iterations)
    {
        var map = new Map("EachItem", new MapOptions
        {
            Mode = ProcessorMode.DISTRIBUTED,
            Items = Jsonata.Value("$states.input.items"),
            ItemSelector = TaskInput.FromObject(("i", 0)),
        }).ItemProcessor(Loop("ItemLoop", iterations));
        return Define("BenchDistributedLoopsJsonata", map);
    }

    private static Choice Loop(string prefix, int iterations)
    {
        var check = new Choice($"{prefix}Check");
        var increment = new Pass($"{prefix}Increment", new PassOptions { Output = TaskInput.FromObject(("i", Jsonata.Value("$states.input.i + 1"))) });
        increment.Next(check);
        check.When(Condition.Jsonata($"$states.input.i < {iterations}"), increment).Otherwise(new Succeed($"{prefix}Done"));
        return check;
    }

    private static StateMachineDefinition Define(string name, IChainable definition) => StateMachine.Define(name, definition, JsonataMachine).Build();

    // A loop of n iterations has 2n + 2 transitions (see BenchWorkloads.LoopTransitions).
    private static int Iterations(BenchWorkload loop) => (int)((loop.TransitionsPerExecution - 2) / 2);

    // Workload e: 1 + items * (2m + 2) transitions per execution, items being the length of its input.
    private static int LoopIterations(BenchWorkload e)
    {
        var items = ((JsonArray)((JsonObject)e.Input)["items"]).Count;
        return (int)(((e.TransitionsPerExecution - 1) / items - 2) / 2);
    }
}
