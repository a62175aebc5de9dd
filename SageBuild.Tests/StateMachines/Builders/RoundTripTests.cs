using SageBuild.StateMachines.Builders;
using SageBuild.StateMachines.Conditions;
using SageBuild.StateMachines.Json;
using SageBuild.StateMachines.Model;
using SageBuild.StateMachines.Tasks.Lambda;
using JsonataField = SageBuild.StateMachines.Builders.Jsonata;

namespace SageBuild.Tests.StateMachines.Builders;

public sealed class RoundTripTests
{
    private static IEnumerable<TestCaseData> Machines()
    {
        yield return new TestCaseData(new Func<StateMachine>(ExamplePipeline.Create)).SetName("the example pipeline");
        yield return new TestCaseData(new Func<StateMachine>(JsonataMachine)).SetName("a JSONata machine");
        yield return new TestCaseData(new Func<StateMachine>(MapsAndBranches)).SetName("maps and branches");
    }

    [TestCaseSource(nameof(Machines))]
    public void Builders_to_ASL_and_back_give_the_same_model(Func<StateMachine> create)
    {
        var built = create().Build();

        var read = AslJson.Parse(AslJson.Write(built));

        Assert.That(read, Is.EqualTo(built));
    }

    private static StateMachine JsonataMachine()
    {
        var invoke = new LambdaInvoke("Score", new LambdaInvokeOptions
        {
            FunctionName = "score", Payload = TaskInput.FromObject(("x", JsonataField.Value("$states.input.x"))), Output = TaskInput.FromJsonata("$states.result.Payload"),
            Assign = TaskInput.FromObject(("score", JsonataField.Number("$states.result.Payload.score"))), TimeoutSeconds = JsonataField.Number("$timeout"),
        });
        var gate = new Choice("Gate").When(Condition.Jsonata("$score > 0.5"), new Succeed("Good")).Otherwise(new Fail("Bad", new FailOptions { Error = "Low", Cause = JsonataField.String("$string($score)") }));
        return StateMachine.Define("Jsonata", Chain.Start(invoke).Next(gate), new StateMachineOptions { QueryLanguage = QueryLanguage.JSONata });
    }

    private static StateMachine MapsAndBranches()
    {
        var inline = new Map("Inline", new MapOptions { ItemsPath = "$.items", MaxConcurrency = 2, ItemSelector = TaskInput.FromObject(("v", JsonPath.Context.MapItemValue)) })
            .ItemProcessor(new Pass("PerItem"));
        var distributed = new Map("Distributed", new MapOptions
        {
            Mode = ProcessorMode.DISTRIBUTED, ExecutionType = ExecutionType.EXPRESS, ItemReader = ItemReaderOptions.S3JsonFile("b", "k.json"),
            ItemBatcher = new ItemBatcherOptions { MaxInputBytesPerBatch = JsonPath.NumberAt("$.bytes") }, ToleratedFailurePercentage = 10, Label = "batch",
        }).ItemProcessor(new Pass("PerBatch"));
        var parallel = new ParallelBranches("Both").Branch(inline, distributed);
        parallel.AddRetry(new RetrierOptions { MaxDelaySeconds = 10, Jitter = JitterStrategy.FULL }).AddCatch(new Succeed("Recovered"));
        return StateMachine.Define("Maps", Chain.Start(parallel).Next(new Wait("Later", WaitTime.Timestamp(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero)))));
    }
}
