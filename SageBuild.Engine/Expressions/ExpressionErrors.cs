using SageBuild.StateMachines.Json;
using SageBuild.StateMachines.Model;

namespace SageBuild.Engine.Expressions;

/// <summary>The ASL errors expression evaluation raises, worded as AWS words them where its wording is known.</summary>
internal static class ExpressionErrors
{
    /// <summary>
    /// A path in a payload template or intrinsic argument found nothing. AWS raises States.Runtime here (recorded
    /// against AWS; the specification's States.ParameterPathFailure is not what the service sends).
    /// </summary>
    public static StatesErrorException PathNotFound(string path, string field, JsonValue input) =>
        new(ErrorNames.Runtime, $"The JSONPath '{path}' specified for the field '{field}' could not be found in the input '{input.ToJson()}'");

    /// <summary>
    /// An intrinsic function was given arguments it cannot work with. AWS reports these as States.Runtime: its error
    /// reference keeps States.IntrinsicFailure "reserved for future use" and says intrinsic processing errors are
    /// reported with the States.Runtime error name (moto, LocalStack's AWS-recorded interpreter, does the same).
    /// </summary>
    public static StatesErrorException Intrinsic(string function, string problem) =>
        new(ErrorNames.Runtime, $"Invalid arguments in {function}: {problem}");

    /// <summary>A Choice rule's Variable, or the path of a <c>…Path</c> operator, found nothing.</summary>
    public static StatesErrorException ChoicePath(string path) =>
        new(ErrorNames.Runtime, $"Invalid path '{path}': The choice state's condition path references an invalid value.");

    /// <summary>ResultPath goes through something that is not an object (or an array item that is not there).</summary>
    public static StatesErrorException ResultPathMatch(string path, JsonValue input) =>
        new(ErrorNames.ResultPathMatchFailure, $"Unable to apply ReferencePath {path} to input {input.ToJson()}");

    /// <summary>A short description of a value for messages: its kind and, when short, its text.</summary>
    public static string Describe(JsonValue value)
    {
        var text = value.ToJson();
        if (text.Length > 80)
            text = text[..77] + "...";
        return value switch
        {
            JsonString => $"the string {text}",
            JsonNumber => $"the number {text}",
            JsonBoolean => $"the boolean {text}",
            JsonArray => $"the array {text}",
            JsonObject => $"the object {text}",
            _ => "null",
        };
    }
}
