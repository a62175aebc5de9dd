namespace SageBuild.Engine.Jsonata.Runtime;

/// <summary>
/// An array made while evaluating. JSONata distinguishes a <em>sequence</em> (the result of a path, flattened into
/// its parent and unwrapped when it holds one item) from an array built with <c>[...]</c>, and carries a few more
/// flags through evaluation; this type holds the items and those flags. JSON arrays from the input stay
/// <see cref="SageBuild.StateMachines.Json.JsonArray"/>.
/// </summary>
internal sealed class JsonataSequence : List<object?>
{
    public JsonataSequence()
    {
    }

    public JsonataSequence(int capacity)
        : base(capacity)
    {
    }

    /// <summary>A path result: flattened into enclosing sequences, a singleton is unwrapped.</summary>
    public bool IsSequence { get; set; }

    /// <summary>Keep a singleton as an array (the <c>[]</c> suffix).</summary>
    public bool KeepSingleton { get; set; }

    /// <summary>Wraps an input array so that the whole array is one context item.</summary>
    public bool OuterWrapper { get; set; }

    /// <summary>Holds tuples (binding frames) rather than values.</summary>
    public bool TupleStream { get; set; }

    /// <summary>Built by an array constructor: never flattened by a path step.</summary>
    public bool Cons { get; set; }

    public static JsonataSequence Create() => new() { IsSequence = true };

    public static JsonataSequence Create(object? item)
    {
        var sequence = new JsonataSequence { IsSequence = true };
        sequence.Add(item);
        return sequence;
    }
}
