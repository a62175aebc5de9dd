using SageBuild.Engine.Api;

namespace SageBuild.Local;

/// <summary>Registers the local backends with an engine.</summary>
public static class LocalBackendsEngineBuilderExtensions
{
    /// <summary>
    /// Registers every integration of <paramref name="backends"/> (CodeBuild, SageMaker training, tuning and hosting),
    /// so that the engine runs those Task states on this machine.
    /// </summary>
    public static EngineBuilder AddLocalBackends(this EngineBuilder builder, LocalBackends backends)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(backends);
        foreach (var integration in backends.Integrations)
            builder.AddIntegration(integration);
        return builder;
    }
}
