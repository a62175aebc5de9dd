using SageBuild.StateMachines.Model;

namespace SageBuild.StateMachines.Builders;

/// <summary>The options of a <see cref="Fail"/> state.</summary>
public sealed record FailOptions
{
    /// <summary>A human-readable description.</summary>
    /// <value>None by default.</value>
    public string? Comment { get; init; }

    /// <summary>The state's own query language.</summary>
    /// <value>Null by default: the machine's.</value>
    public QueryLanguage? QueryLanguage { get; init; }

    /// <summary>The error name: a literal, a JSONPath reference or intrinsic (rendered as ErrorPath), or a JSONata expression.</summary>
    /// <value>None by default.</value>
    public Field<string>? Error { get; init; }

    /// <summary>The cause: a literal, a JSONPath reference or intrinsic (rendered as CausePath), or a JSONata expression.</summary>
    /// <value>None by default.</value>
    public Field<string>? Cause { get; init; }
}
