using SageBuild.StateMachines.Json;
using SageBuild.StateMachines.Model;

namespace SageBuild.StateMachines.Builders;

/// <summary>
/// Typed JSONPath references for JSONPath states. Each returns a <see cref="Field{T}"/> that renders as a
/// <c>"Key.$": "$.path"</c> entry in a payload template. The path is checked for its leading <c>$</c> here;
/// its full syntax is checked when the machine is built.
/// </summary>
public static class JsonPath
{
    /// <summary>The whole input, <c>$</c>.</summary>
    public const string EntirePayload = "$";

    /// <summary>A <c>ResultPath</c> of <c>null</c>: the state's result is discarded and its input passes through.</summary>
    public static NullablePath DiscardResult => NullablePath.Null;

    /// <summary>The task token, <c>$$.Task.Token</c>, which a <c>.waitForTaskToken</c> task must pass to its worker.</summary>
    public static Field<string> TaskToken => StringAt("$$.Task.Token");

    /// <summary>A string at <paramref name="path"/>.</summary>
    public static Field<string> StringAt(string path) => Field<string>.Dynamic(Path(path));

    /// <summary>A number at <paramref name="path"/>.</summary>
    public static Field<double> NumberAt(string path) => Field<double>.Dynamic(Path(path));

    /// <summary>A boolean at <paramref name="path"/>.</summary>
    public static Field<bool> BooleanAt(string path) => Field<bool>.Dynamic(Path(path));

    /// <summary>A timestamp string at <paramref name="path"/>.</summary>
    public static Field<DateTimeOffset> TimestampAt(string path) => Field<DateTimeOffset>.Dynamic(Path(path));

    /// <summary>Any JSON value (object, array, ...) at <paramref name="path"/>.</summary>
    public static Field<JsonValue> ValueAt(string path) => Field<JsonValue>.Dynamic(Path(path));

    /// <summary><c>States.Format(template, paths...)</c>: each <c>{}</c> in <paramref name="template"/> takes the next path's value.</summary>
    public static Field<string> Format(string template, params string[] paths)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(paths);
        foreach (var p in paths)
            Path(p);
        var quoted = template.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal)
            .Replace("{}", "\u0000", StringComparison.Ordinal).Replace("{", "\\{", StringComparison.Ordinal).Replace("}", "\\}", StringComparison.Ordinal)
            .Replace("\u0000", "{}", StringComparison.Ordinal);
        var arguments = string.Concat(paths.Select(p => ", " + p));
        return Field<string>.Dynamic(new FieldExpression(ExpressionKind.Intrinsic, $"States.Format('{quoted}'{arguments})"));
    }

    /// <summary><c>States.JsonToString(path)</c>: the value at <paramref name="path"/> serialised as a string.</summary>
    public static Field<string> JsonToString(string path) =>
        Field<string>.Dynamic(new FieldExpression(ExpressionKind.Intrinsic, $"States.JsonToString({Path(path).Text})"));

    /// <summary><c>States.StringToJson(path)</c>: the string at <paramref name="path"/> parsed as JSON.</summary>
    public static Field<JsonValue> StringToJson(string path) =>
        Field<JsonValue>.Dynamic(new FieldExpression(ExpressionKind.Intrinsic, $"States.StringToJson({Path(path).Text})"));

    /// <summary><c>States.MathAdd(path, step)</c>: the number at <paramref name="path"/> plus <paramref name="step"/>.</summary>
    public static Field<double> MathAdd(string path, int step) =>
        Field<double>.Dynamic(new FieldExpression(ExpressionKind.Intrinsic, $"States.MathAdd({Path(path).Text}, {step.ToString(System.Globalization.CultureInfo.InvariantCulture)})"));

    private static FieldExpression Path(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!path.StartsWith('$'))
            throw new ArgumentException($"'{path}' is not a JSONPath: it must start with '$' (or '$$' for the context object)", nameof(path));
        return new FieldExpression(ExpressionKind.JsonPath, path);
    }

    /// <summary>Paths into the context object (<c>$$</c>).</summary>
    public static class Context
    {
        /// <summary>The execution's ARN, <c>$$.Execution.Id</c>.</summary>
        public static Field<string> ExecutionId => StringAt("$$.Execution.Id");

        /// <summary>The execution's name, <c>$$.Execution.Name</c>.</summary>
        public static Field<string> ExecutionName => StringAt("$$.Execution.Name");

        /// <summary>When the execution started, <c>$$.Execution.StartTime</c>.</summary>
        public static Field<string> ExecutionStartTime => StringAt("$$.Execution.StartTime");

        /// <summary>The execution's input, <c>$$.Execution.Input</c>.</summary>
        public static Field<JsonValue> ExecutionInput => ValueAt("$$.Execution.Input");

        /// <summary>The current state's name, <c>$$.State.Name</c>.</summary>
        public static Field<string> StateName => StringAt("$$.State.Name");

        /// <summary>When the current state was entered, <c>$$.State.EnteredTime</c>.</summary>
        public static Field<string> StateEnteredTime => StringAt("$$.State.EnteredTime");

        /// <summary>The retry count of the current state, <c>$$.State.RetryCount</c>.</summary>
        public static Field<double> StateRetryCount => NumberAt("$$.State.RetryCount");

        /// <summary>The state machine's ARN, <c>$$.StateMachine.Id</c>.</summary>
        public static Field<string> StateMachineId => StringAt("$$.StateMachine.Id");

        /// <summary>The current Map item, <c>$$.Map.Item.Value</c> (inside an ItemSelector).</summary>
        public static Field<JsonValue> MapItemValue => ValueAt("$$.Map.Item.Value");

        /// <summary>The current Map item's index, <c>$$.Map.Item.Index</c> (inside an ItemSelector).</summary>
        public static Field<double> MapItemIndex => NumberAt("$$.Map.Item.Index");
    }
}
