namespace SageBuild.Engine.Api;

/// <summary>Optional settings of one execution.</summary>
public sealed record StartExecutionOptions
{
    /// <summary>The execution's name (1-80 characters, unique per state machine).</summary>
    /// <value>Default: a generated UUID.</value>
    public string? Name { get; init; }

    /// <summary>The clock.</summary>
    /// <value>Default: the engine's <see cref="EngineOptions.DefaultClock"/>.</value>
    public ExecutionClock? Clock { get; init; }

    /// <summary>The seed of the execution's random source (States.UUID, States.MathRandom, jitter, task tokens).</summary>
    /// <value>Default: a random seed, recorded with the execution.</value>
    public int? RandomSeed { get; init; }

    /// <summary>The test case of the engine's mock configuration whose mocked responses serve this execution's Tasks.</summary>
    /// <value>Default: none; Tasks go to the registered integrations.</value>
    public string? MockTestCase { get; init; }
}
