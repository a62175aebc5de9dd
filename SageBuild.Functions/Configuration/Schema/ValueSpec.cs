using SageBuild.StateMachines.Json;

namespace SageBuild.Functions.Configuration.Schema;

/// <summary>
/// What one configuration value may be. The reader checks documents against it, and the published JSON Schema is
/// rendered from it, so the two cannot disagree.
/// </summary>
internal sealed record ValueSpec
{
    public required SpecKind Kind { get; init; }

    public string Description { get; init; } = "";

    public IReadOnlyList<string>? Enum { get; init; }

    public double? Minimum { get; init; }

    public double? Maximum { get; init; }

    /// <summary>A .NET and ECMA-262 compatible regular expression the whole string must match.</summary>
    public string? Pattern { get; init; }

    /// <summary>Words for people: what the pattern asks for, used in error messages.</summary>
    public string? PatternDescription { get; init; }

    public int? MinLength { get; init; }

    public int? MaxLength { get; init; }

    public int? MinItems { get; init; }

    public int? MaxItems { get; init; }

    public ObjectSpec? Object { get; init; }

    /// <summary>The spec of each item (arrays) or each value (maps).</summary>
    public ValueSpec? Items { get; init; }

    public JsonValue? Default { get; init; }

    /// <summary>Whether JSON null is allowed (and means "not set").</summary>
    public bool IsNullable { get; init; }
}
