using SageBuild.Engine.Integrations;
using SageBuild.Engine.Mocks;
using SageBuild.Engine.Preparation;
using SageBuild.Engine.Stores;

namespace SageBuild.Engine.Execution;

/// <summary>What every run of one engine shares: time, store, integrations, mocks, task tokens and the preparation cache.</summary>
internal sealed record EngineContext(
    TimeProvider Time,
    IExecutionStore Store,
    IntegrationRegistry Integrations,
    MockConfiguration? Mocks,
    TaskTokenRegistry Tokens,
    PreparationCache Preparations,
    string Region,
    string AccountId)
{
    /// <summary>The distributed Map Runs running now (StopExecution on a child, lookups of nested Map Runs).</summary>
    public MapRunRegistry MapRuns { get; } = new();
}
