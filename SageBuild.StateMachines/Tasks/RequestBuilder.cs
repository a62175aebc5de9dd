using SageBuild.StateMachines.Builders;

namespace SageBuild.StateMachines.Tasks;

/// <summary>Builds a request object template field by field, leaving out the fields that are not set.</summary>
internal sealed class RequestBuilder
{
    private readonly List<(string Key, TaskInput Value)> _fields = [];

    public RequestBuilder Add(string key, TaskInput? value)
    {
        if (value is not null)
            _fields.Add((key, value));
        return this;
    }

    public RequestBuilder Add<T>(string key, Field<T>? value) => value is { } v ? Add(key, v.ToTaskInput()) : this;

    public RequestBuilder Add(string key, bool? value) => value is { } v ? Add(key, (TaskInput)v) : this;

    public RequestBuilder Add(string key, string? value) => value is { } v ? Add(key, TaskInput.FromText(v)) : this;

    /// <summary>A map of strings, keys sorted so the request does not depend on dictionary order.</summary>
    public RequestBuilder AddMap(string key, IReadOnlyDictionary<string, Field<string>>? map) =>
        map is null ? this : Add(key, TaskInput.FromObject(map.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => (p.Key, p.Value.ToTaskInput())).ToArray()));

    /// <summary>Tags as AWS lists them, <c>[{"Key", "Value"}]</c>, sorted by key.</summary>
    public RequestBuilder AddTags(IReadOnlyDictionary<string, string>? tags) =>
        tags is null || tags.Count == 0 ? this : Add("Tags", TaskInput.FromArray(tags.OrderBy(t => t.Key, StringComparer.Ordinal)
            .Select(t => TaskInput.FromObject(("Key", t.Key), ("Value", t.Value))).ToArray()));

    public RequestBuilder AddList<T>(string key, IReadOnlyList<T>? items, Func<T, TaskInput> render) =>
        items is null ? this : Add(key, TaskInput.FromArray(items.Select(render).ToArray()));

    public TaskInput Build() => TaskInput.FromObject([.. _fields]);
}
