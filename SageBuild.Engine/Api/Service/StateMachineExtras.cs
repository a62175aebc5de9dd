using System.Collections.Immutable;
using SageBuild.Engine.Api.Model;

namespace SageBuild.Engine.Api.Service;

/// <summary>What the API shows of a state machine that the engine does not keep: immutable, replaced whole on change.</summary>
/// <param name="Definition">The definition text exactly as the caller sent it (DescribeStateMachine returns it unchanged).</param>
/// <param name="CreationDate">When it was first created (an update keeps it).</param>
internal sealed record StateMachineExtras(string Definition, DateTimeOffset CreationDate)
{
    /// <summary>The tags, by key.</summary>
    public ImmutableSortedDictionary<string, string> Tags { get; init; } = ImmutableSortedDictionary.Create<string, string>(StringComparer.Ordinal);

    /// <summary>The revision after the last update; null until the first update (as AWS).</summary>
    public string? RevisionId { get; init; }

    /// <summary>When it was last updated.</summary>
    public DateTimeOffset? UpdateDate { get; init; }

    /// <summary>The logging settings as the caller gave them.</summary>
    public LoggingConfiguration? LoggingConfiguration { get; init; }

    /// <summary>The tracing settings as the caller gave them.</summary>
    public TracingConfiguration? TracingConfiguration { get; init; }
}
