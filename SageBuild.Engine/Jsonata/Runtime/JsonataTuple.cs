namespace SageBuild.Engine.Jsonata.Runtime;

/// <summary>
/// One item of a tuple stream: the context value under <c>@</c> plus the focus, index and ancestor variables bound
/// along the path so far.
/// </summary>
internal sealed class JsonataTuple : Dictionary<string, object?>
{
    public const string ContextKey = "@";

    public JsonataTuple()
        : base(StringComparer.Ordinal)
    {
    }

    public JsonataTuple(JsonataTuple copy)
        : base(copy, StringComparer.Ordinal)
    {
    }

    public object? Context => TryGetValue(ContextKey, out var value) ? value : null;
}
