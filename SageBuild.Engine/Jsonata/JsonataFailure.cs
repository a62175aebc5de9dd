using System.Globalization;
using SageBuild.Engine.Expressions;
using SageBuild.StateMachines.Json;
using SageBuild.StateMachines.Model;

namespace SageBuild.Engine.Jsonata;

/// <summary>
/// A JSONata expression in a state's field that failed: where (the field, as AWS names it in an
/// <c>EvaluationFailed</c> event, such as <c>Assign/result</c> or <c>Output/items[0]</c>), which expression, and why.
/// It becomes a <c>States.QueryEvaluationError</c>; the engine adds the state's name and entry event to the cause.
/// </summary>
/// <param name="Location">The field, relative to the state: <c>/</c> before each key, <c>[i]</c> for each array index.</param>
/// <param name="Expression">The expression as written between <c>{%</c> and <c>%}</c>, trimmed.</param>
/// <param name="Cause">What went wrong, in AWS's words where we know them, without the state prefix.</param>
public sealed record JsonataFailure(string Location, string Expression, string Cause)
{
    /// <summary>The expression evaluated to undefined, which no JSON field can hold.</summary>
    public static JsonataFailure ReturnedNothing(string expression, string location) =>
        new(location, expression, $"The JSONata expression '{expression}' specified for the field '{location}' returned nothing (undefined).");

    /// <summary>The expression evaluated to a function, which has no JSON form.</summary>
    public static JsonataFailure UnsupportedResultType(string expression, string location) =>
        new(location, expression, $"The JSONata expression '{expression}' specified for the field '{location}' returned an unsupported result type.");

    /// <summary>The field needs <paramref name="expected"/> (<c>array</c>, <c>number</c>, <c>string</c>, <c>boolean</c>, <c>object</c>).</summary>
    public static JsonataFailure UnexpectedResultType(string expression, string location, string expected, JsonValue value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var actual = value.Kind switch
        {
            System.Text.Json.JsonValueKind.Array => "array",
            System.Text.Json.JsonValueKind.Object => "object",
            System.Text.Json.JsonValueKind.String => "string",
            System.Text.Json.JsonValueKind.Number => "number",
            System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False => "boolean",
            _ => "null",
        };
        return new(location, expression,
            $"The JSONata expression '{expression}' specified for the field '{location}' returned an unexpected result type. Expected '{expected}', but was '{actual}' for value: {value.ToJson()}");
    }

    /// <summary>Evaluation raised a JSONata error, such as T2001 or D3030.</summary>
    public static JsonataFailure Threw(string expression, string location, string code, string message) =>
        new(location, expression, $"The JSONata expression '{expression}' specified for the field '{location}' threw an error: {code}: {message}");

    /// <summary>The cause as AWS reports it for a state: prefixed with the state's name and the id of its entered event.</summary>
    public static string InState(string cause, string stateName, long enteredEventId) =>
        $"An error occurred while executing the state '{stateName}' (entered at the event id #{enteredEventId.ToString(CultureInfo.InvariantCulture)}). {cause}";

    /// <summary>The error without the state prefix.</summary>
    public StatesError ToStatesError() => new(ErrorNames.QueryEvaluationError, Cause);

    /// <summary>The error as AWS reports it for <paramref name="stateName"/>.</summary>
    public StatesError ToStatesError(string stateName, long enteredEventId) =>
        new(ErrorNames.QueryEvaluationError, InState(Cause, stateName, enteredEventId));

    /// <summary>The error as the exception the engine's states catch.</summary>
    public StatesErrorException ToException() => new(ToStatesError());
}
