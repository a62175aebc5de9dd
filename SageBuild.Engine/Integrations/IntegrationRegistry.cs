namespace SageBuild.Engine.Integrations;

/// <summary>The engine's service integrations by <c>service:action</c>; built once by the EngineBuilder, then read-only.</summary>
internal sealed class IntegrationRegistry
{
    private readonly Dictionary<string, IServiceIntegration> _handlers;

    public IntegrationRegistry(Dictionary<string, IServiceIntegration> handlers) => _handlers = handlers;

    public bool TryResolve(ResourceTarget target, out IServiceIntegration handler) => _handlers.TryGetValue(target.Key, out handler!);

    public IEnumerable<string> Keys => _handlers.Keys;
}
