using SageBuild.StateMachines.Json;

namespace SageBuild.Engine.Expressions;

// CONTRACT SKELETON: implemented by the expressions work; the engine codes against these signatures.

/// <summary>A compiled JSONPath: <c>$...</c> over the input, <c>$$...</c> over the context object, <c>$name...</c> over a variable.</summary>
public sealed class PathExpression
{
    private PathExpression(string text) => Text = text;

    /// <summary>The path as written.</summary>
    public string Text { get; }

    /// <summary>Whether the path selects at most one node (a reference path: no wildcards, filters, slices or unions).</summary>
    public bool IsDefinite => throw new NotImplementedException();

    /// <summary>Compiles <paramref name="path"/>; throws <see cref="FormatException"/> saying where it fails to parse.</summary>
    public static PathExpression Compile(string path) => new(path ?? throw new ArgumentNullException(nameof(path)));

    /// <summary>
    /// Selects the value at this path. A definite path gives its node; an indefinite one gives a JSON array of its matches.
    /// Returns false when a definite path matches nothing.
    /// </summary>
    public bool TrySelect(IEvaluationScope scope, out JsonValue value) => throw new NotImplementedException();
}
