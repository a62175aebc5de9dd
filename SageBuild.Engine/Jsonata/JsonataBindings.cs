using SageBuild.StateMachines.Json;

namespace SageBuild.Engine.Jsonata;

/// <summary>
/// What an expression can see: the <c>$states</c> variable (<c>input</c>, <c>result</c>, <c>errorOutput</c>,
/// <c>context</c>), the workflow's variables as <c>$name</c>, the clock behind <c>$now()</c> and <c>$millis()</c>, and
/// the random source behind <c>$random()</c>, <c>$shuffle()</c> and <c>$uuid()</c>. One instance serves one evaluation
/// site; it is not changed by evaluating.
/// </summary>
public sealed class JsonataBindings
{
    private JsonObject? _states;
    private JsonObject? _statesWithoutContext;

    /// <summary>Bindings with nothing in them: <c>$states</c> is an empty object.</summary>
    public static JsonataBindings Empty { get; } = new();

    /// <summary><c>$states.input</c>: the state's raw input.</summary>
    public JsonValue? Input { get; init; }

    /// <summary><c>$states.result</c>: the task, Parallel or Map result, where there is one.</summary>
    public JsonValue? Result { get; init; }

    /// <summary><c>$states.errorOutput</c>: the error output, in a Catcher's Output and Assign only.</summary>
    public JsonValue? ErrorOutput { get; init; }

    /// <summary><c>$states.context</c>: the context object.</summary>
    public JsonValue? Context { get; init; }

    /// <summary>
    /// Makes <c>$states.context</c> when <see cref="Context"/> is not given, and only when <c>$states</c> is read: the
    /// engine builds the context object for the expressions that look at it, not for every evaluation.
    /// </summary>
    public Func<JsonValue>? ContextSource { get; init; }

    /// <summary>Workflow variables by name (without the <c>$</c>).</summary>
    /// <value>None by default.</value>
    public IReadOnlyDictionary<string, JsonValue>? Variables { get; init; }

    /// <summary>Looks up a workflow variable not in <see cref="Variables"/>; null means it is not defined.</summary>
    public Func<string, JsonValue?>? VariableResolver { get; init; }

    /// <summary>The clock <c>$now()</c> and <c>$millis()</c> read, once per evaluation.</summary>
    /// <value><see cref="TimeProvider.System"/>; the engine passes its own (virtual or recorded) clock.</value>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>The random source for <c>$random()</c>, <c>$shuffle()</c> and <c>$uuid()</c>.</summary>
    /// <value>A new unseeded <see cref="System.Random"/> per evaluation when null; the engine passes its recorded source.</value>
    public Random? Random { get; init; }

    /// <summary>Gives the random source when <see cref="Random"/> is not set, and only when an expression draws from it.</summary>
    public Func<Random>? RandomSource { get; init; }

    /// <summary>Which JSONata the expression runs as.</summary>
    /// <value><see cref="JsonataDialect.StepFunctions"/>.</value>
    public JsonataDialect Dialect { get; init; } = JsonataDialect.StepFunctions;

    /// <summary>The value of <c>$states</c>: only the members that were supplied.</summary>
    public JsonObject States => _states ??= BuildStates();

    /// <summary>The value of the variable <paramref name="name"/> (without <c>$</c>), or null when it is not bound.</summary>
    public JsonValue? Variable(string name)
    {
        if (string.Equals(name, "states", StringComparison.Ordinal))
            return States;
        if (Variables is not null && Variables.TryGetValue(name, out var value))
            return value;
        return VariableResolver?.Invoke(name);
    }

    /// <summary>
    /// <c>$states</c> for an expression that does (<paramref name="readsContext"/>) or cannot read its <c>context</c>:
    /// the context object from <see cref="ContextSource"/> is built only for the first kind.
    /// </summary>
    internal JsonObject StatesFor(bool readsContext) =>
        readsContext || ContextSource is null ? States : _statesWithoutContext ??= BuildStates(includeContextSource: false);

    private JsonObject BuildStates(bool includeContextSource = true)
    {
        var builder = new JsonObjectBuilder(4);
        builder.SetIfNotNull("input", Input);
        builder.SetIfNotNull("result", Result);
        builder.SetIfNotNull("errorOutput", ErrorOutput);
        builder.SetIfNotNull("context", Context ?? (includeContextSource ? ContextSource?.Invoke() : null));
        return builder.Build();
    }
}
