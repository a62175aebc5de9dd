using SageBuild.Functions.Handlers.Core;

namespace SageBuild.Functions.Handlers;

/// <summary>Every Lambda handler of the pipeline, by its short name (deployed as <c>{prefix}{name}</c>).</summary>
public static class FunctionCatalog
{
    /// <summary>The pipeline's pure step handlers, in the order the pipeline uses them.</summary>
    public static IReadOnlyList<FunctionHandler> Steps(StepRegistry? registry = null) =>
    [
        new TriggerFunction(),
        new ResolveConfigurationFunction(),
        new TrainingConfigFunction(registry),
        new QualityGateFunction(),
        new ModelConfigFunction(registry),
        new EndpointConfigFunction(registry),
        new NotificationFunction(),
        new LedgerRecordFunction(),
        new RetentionFunction(),
    ];

    /// <summary>The handler named <paramref name="name"/> among <paramref name="handlers"/>; throws listing the names when there is none.</summary>
    public static T Find<T>(IEnumerable<T> handlers, string name)
        where T : IFunctionHandler
    {
        ArgumentNullException.ThrowIfNull(handlers);
        var all = handlers.ToList();
        return all.FirstOrDefault(h => string.Equals(h.Name, name, StringComparison.Ordinal))
            ?? throw new KeyNotFoundException($"no function named '{name}' (functions: {string.Join(", ", all.Select(h => h.Name))})");
    }
}
