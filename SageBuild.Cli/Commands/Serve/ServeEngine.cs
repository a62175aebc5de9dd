using SageBuild.Engine.Api;
using SageBuild.Engine.Stores;
using SageBuild.Functions.Handlers;
using SageBuild.Local.Queues;

namespace SageBuild.Cli.Commands.Serve;

/// <summary>The engine <c>sagebuild serve</c> runs: which Task resources it can run on this machine.</summary>
internal static class ServeEngine
{
    /// <summary>
    /// An engine on <paramref name="store"/> with: <c>sqs:sendMessage</c> (and <c>.waitForTaskToken</c>, completed with
    /// SendTaskSuccess/SendTaskFailure), and the pipeline's step functions in-process, as Lambda functions named by their
    /// short names (<c>quality-gate</c>, …; see <c>sagebuild functions list</c>). Any other resource fails its Task with
    /// States.TaskFailed naming it.
    /// </summary>
    public static WorkflowEngine Build(IExecutionStore store, EngineOptions options) => Build(new EngineBuilder { Options = options }.UseStore(store));

    /// <summary>The same engine over durable stores: it resumes, and leaves running executions RUNNING when it stops (<see cref="EngineBuilder.UseDurableStores"/>).</summary>
    public static WorkflowEngine Build(IExecutionStore executions, IStateMachineStore machines, EngineOptions options) =>
        Build(new EngineBuilder { Options = options }.UseDurableStores(executions, machines));

    /// <summary>The database file of <c>--data-dir</c>.</summary>
    public const string DatabaseFileName = "sagebuild.db";

    private static WorkflowEngine Build(EngineBuilder builder)
    {
        builder.AddIntegration(new SqsSendMessageIntegration());
        foreach (var handler in FunctionCatalog.Steps())
            builder.AddLambdaFunction(handler.Name, (payload, _) => ValueTask.FromResult(handler.Handle(payload)));
        return builder.Build();
    }
}
