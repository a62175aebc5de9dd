namespace SageBuild.Functions.Handlers.Core;

/// <summary>The C# implementations of pluggable steps, by the name the configuration uses for them.</summary>
public sealed class StepRegistry
{
    private readonly Dictionary<string, IRequestStep> _steps = new(StringComparer.Ordinal);

    /// <summary>The registry the deployed handlers use: register your steps in a static constructor or at start-up.</summary>
    public static StepRegistry Shared { get; } = new();

    /// <summary>Registers <paramref name="step"/> under <paramref name="name"/> (a later registration replaces it).</summary>
    public StepRegistry Register(string name, IRequestStep step)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(step);
        lock (_steps)
            _steps[name] = step;
        return this;
    }

    /// <summary>The step registered under <paramref name="name"/>; throws naming the registered ones when there is none.</summary>
    public IRequestStep Resolve(string name, string configurationKey)
    {
        lock (_steps)
        {
            return _steps.TryGetValue(name, out var step)
                ? step
                : throw new InvalidOperationException($"{configurationKey}.class names '{name}', but no step is registered under that name (registered: {(_steps.Count == 0 ? "none" : string.Join(", ", _steps.Keys))})");
        }
    }
}
