namespace SageBuild.StateMachines.Builders;

/// <summary>The kinds of expression a field can hold instead of a literal.</summary>
internal enum ExpressionKind
{
    /// <summary>A JSONPath reference path such as <c>$.a.b</c> or <c>$$.Execution.Id</c>.</summary>
    JsonPath,

    /// <summary>An intrinsic function such as <c>States.Format('{}', $.x)</c>; JSONPath states only.</summary>
    Intrinsic,

    /// <summary>A JSONata expression, held without its <c>{% %}</c> delimiters.</summary>
    Jsonata,

    /// <summary>A value both languages can name: a JSONPath in JSONPath states, a JSONata expression in JSONata states.</summary>
    Either,
}

/// <summary>An expression in place of a literal, and the query language it belongs to.</summary>
internal sealed record FieldExpression(ExpressionKind Kind, string Text, string? JsonataText = null)
{
    /// <summary>Whether the expression is evaluated by JSONPath states (paths and intrinsic functions).</summary>
    public bool IsJsonPath => Kind is ExpressionKind.JsonPath or ExpressionKind.Intrinsic;

    /// <summary>The form of an <see cref="ExpressionKind.Either"/> expression for <paramref name="jsonata"/> states.</summary>
    public FieldExpression For(bool jsonata) => Kind != ExpressionKind.Either ? this
        : jsonata ? new FieldExpression(ExpressionKind.Jsonata, JsonataText!) : new FieldExpression(ExpressionKind.JsonPath, Text);

    /// <summary>The text as it appears in ASL: the path, the intrinsic call, or <c>{% text %}</c>.</summary>
    public string Rendered => Kind == ExpressionKind.Jsonata ? $"{{% {Text} %}}" : Text;

    /// <summary>Whether the expression reads the task token, which a <c>.waitForTaskToken</c> task must pass on.</summary>
    public bool ReadsTaskToken =>
        Text.Contains("$$.Task.Token", StringComparison.Ordinal) || Text.Contains("$states.context.Task.Token", StringComparison.Ordinal)
        || (JsonataText?.Contains("$states.context.Task.Token", StringComparison.Ordinal) ?? false);
}
