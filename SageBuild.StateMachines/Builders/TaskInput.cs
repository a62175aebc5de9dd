using SageBuild.StateMachines.Json;
using SageBuild.StateMachines.Model;
using SageBuild.StateMachines.Validation;

namespace SageBuild.StateMachines.Builders;

/// <summary>
/// A typed payload template: literals, objects and arrays whose leaves may be run-time expressions.
/// It renders for the state's query language: in a JSONPath state a dynamic field becomes <c>"Key.$": "$.path"</c>;
/// in a JSONata state it becomes <c>"Key": "{% expression %}"</c>. Used for Parameters, Arguments,
/// ResultSelector, ItemSelector, Output, Assign and every task's request.
/// </summary>
public sealed class TaskInput
{
    private readonly JsonValue? _literal;
    private readonly FieldExpression? _expression;
    private readonly (string Key, TaskInput Value)[]? _properties;
    private readonly TaskInput[]? _items;

    private TaskInput(JsonValue? literal, FieldExpression? expression, (string, TaskInput)[]? properties, TaskInput[]? items)
    {
        _literal = literal;
        _expression = expression;
        _properties = properties;
        _items = items;
    }

    /// <summary>The empty object.</summary>
    public static TaskInput EmptyObject { get; } = new(null, null, [], null);

    /// <summary>The state's whole input, in either language: <c>$</c> or <c>{% $states.input %}</c>.</summary>
    public static TaskInput StateInput { get; } = new(null, new FieldExpression(ExpressionKind.Either, "$", "$states.input"), null, null);

    /// <summary>The execution's ARN, in either language: <c>$$.Execution.Id</c> or <c>{% $states.context.Execution.Id %}</c>.</summary>
    public static TaskInput ExecutionId { get; } = new(null, new FieldExpression(ExpressionKind.Either, "$$.Execution.Id", "$states.context.Execution.Id"), null, null);

    /// <summary>The task token, in either language: <c>$$.Task.Token</c> or <c>{% $states.context.Task.Token %}</c>.</summary>
    public static TaskInput TaskToken { get; } = new(null, new FieldExpression(ExpressionKind.Either, "$$.Task.Token", "$states.context.Task.Token"), null, null);

    /// <summary>Whether the whole value is one run-time expression.</summary>
    public bool IsDynamic => _expression is not null;

    /// <summary>Whether the value is an object template.</summary>
    public bool IsObject => _properties is not null || _literal is JsonObject;

    /// <summary>An object template; a later repeated key replaces the earlier value.</summary>
    public static TaskInput FromObject(params (string Key, TaskInput Value)[] properties)
    {
        ArgumentNullException.ThrowIfNull(properties);
        var merged = new List<(string Key, TaskInput Value)>(properties.Length);
        foreach (var (key, value) in properties)
        {
            ArgumentNullException.ThrowIfNull(key);
            ArgumentNullException.ThrowIfNull(value, key);
            if (key.EndsWith(".$", StringComparison.Ordinal))
                throw new ArgumentException($"the key '{key}' ends in '.$': give the key without it and a JsonPath value, which adds the suffix itself", nameof(properties));
            var existing = merged.FindIndex(p => string.Equals(p.Key, key, StringComparison.Ordinal));
            if (existing >= 0)
                merged[existing] = (key, value);
            else
                merged.Add((key, value));
        }

        return new TaskInput(null, null, [.. merged], null);
    }

    /// <summary>An object template from key/value pairs, in their order.</summary>
    public static TaskInput FromObject(IEnumerable<KeyValuePair<string, TaskInput>> properties)
    {
        ArgumentNullException.ThrowIfNull(properties);
        return FromObject(properties.Select(p => (p.Key, p.Value)).ToArray());
    }

    /// <summary>An array template.</summary>
    public static TaskInput FromArray(params TaskInput[] items)
    {
        ArgumentNullException.ThrowIfNull(items);
        return new TaskInput(null, null, null, [.. items]);
    }

    /// <summary>A literal JSON value, passed as it is.</summary>
    public static TaskInput FromValue(JsonValue value) => new(value ?? throw new ArgumentNullException(nameof(value)), null, null, null);

    /// <summary>A literal string.</summary>
    public static TaskInput FromText(string text) => FromValue(JsonString.From(text));

    /// <summary>The value at a JSONPath, such as <c>$</c> for the whole input.</summary>
    public static TaskInput FromJsonPathAt(string path) => JsonPath.ValueAt(path);

    /// <summary>The value of a JSONata expression.</summary>
    public static TaskInput FromJsonata(string expression) => Jsonata.Value(expression);

    internal static TaskInput FromExpression(FieldExpression expression) => new(null, expression, null, null);

    public static implicit operator TaskInput(string text) => FromText(text);

    public static implicit operator TaskInput(double number) => FromValue(JsonNumber.From(number));

    public static implicit operator TaskInput(bool value) => FromValue(JsonBoolean.From(value));

    public static implicit operator TaskInput(JsonValue value) => FromValue(value);

    /// <summary>Named alternative to the implicit conversions.</summary>
    public static TaskInput ToTaskInput(JsonValue value) => FromValue(value);

    /// <summary>This object with <paramref name="key"/> set (replacing a literal or dynamic value of the same key).</summary>
    public TaskInput With(string key, TaskInput value) =>
        FromObject([.. ObjectProperties(nameof(With)), (key, value)]);

    /// <summary>This object with every key of <paramref name="overrides"/> set; an override replaces the whole value of its key.</summary>
    public TaskInput Merge(TaskInput overrides)
    {
        ArgumentNullException.ThrowIfNull(overrides);
        return FromObject([.. ObjectProperties(nameof(Merge)), .. overrides.ObjectProperties(nameof(Merge))]);
    }

    /// <summary>Every run-time expression in the template, depth first.</summary>
    internal IEnumerable<FieldExpression> Expressions()
    {
        if (_expression is not null)
            yield return _expression;
        foreach (var (_, value) in _properties ?? [])
        {
            foreach (var e in value.Expressions())
                yield return e;
        }

        foreach (var item in _items ?? [])
        {
            foreach (var e in item.Expressions())
                yield return e;
        }
    }

    /// <summary>The value of <paramref name="key"/> in an object template.</summary>
    internal TaskInput? Property(string key)
    {
        if (_properties is not null)
            return _properties.FirstOrDefault(p => string.Equals(p.Key, key, StringComparison.Ordinal)).Value;
        return _literal is JsonObject o && o.TryGetValue(key, out var v) ? FromValue(v) : null;
    }

    /// <summary>Renders the template for <paramref name="language"/>, reporting misplaced expressions at <paramref name="pointer"/>.</summary>
    internal JsonValue Render(QueryLanguage language, string pointer, ICollection<DefinitionError> errors) =>
        RenderValue(language, pointer, errors, out _);

    internal JsonValue RenderValue(QueryLanguage language, string pointer, ICollection<DefinitionError> errors, out bool isPath)
    {
        isPath = false;
        if (_literal is not null)
            return _literal;
        if (_expression?.For(language == QueryLanguage.JSONata) is { } e)
        {
            if (e.IsJsonPath && language == QueryLanguage.JSONata)
                errors.Add(new DefinitionError(pointer, DefinitionErrorCodes.InvalidJsonata, $"the JSONPath expression '{e.Text}' cannot be used in a JSONata state: use a JSONata expression such as '{{% $states.input... %}}'"));
            else if (!e.IsJsonPath && language == QueryLanguage.JSONPath)
                errors.Add(new DefinitionError(pointer, DefinitionErrorCodes.InvalidPath, $"the JSONata expression '{e.Rendered}' cannot be used in a JSONPath state: set QueryLanguage to JSONata or use a JsonPath reference"));
            isPath = e.IsJsonPath;
            return JsonString.From(e.Rendered);
        }

        if (_items is not null)
        {
            var items = new JsonValue[_items.Length];
            for (var i = 0; i < _items.Length; i++)
            {
                var itemPointer = JsonPointer.Append(pointer, i);
                items[i] = _items[i].RenderValue(language, itemPointer, errors, out var itemIsPath);
                if (itemIsPath)
                    errors.Add(new DefinitionError(itemPointer, DefinitionErrorCodes.InvalidPath, $"a JSONPath reference inside an array is not evaluated ('{_items[i]._expression!.Text}'): put it in an object field, or build the array with an intrinsic function"));
            }

            return JsonArray.Wrap(items);
        }

        var o = new JsonObjectBuilder(_properties!.Length);
        foreach (var (key, value) in _properties)
        {
            var rendered = value.RenderValue(language, JsonPointer.Append(pointer, key), errors, out var valueIsPath);
            o.Set(valueIsPath ? key + ".$" : key, rendered);
        }

        return o.Build();
    }

    private (string Key, TaskInput Value)[] ObjectProperties(string operation)
    {
        if (_properties is not null)
            return _properties;
        if (_literal is JsonObject o)
            return [.. o.Select(p => (p.Key, FromValue(p.Value)))];
        throw new InvalidOperationException($"{operation} needs an object template, not {(_expression is not null ? "an expression" : "a non-object value")}");
    }

    /// <inheritdoc />
    public override string ToString() => Render(QueryLanguage.JSONPath, "", []).ToJson();
}
