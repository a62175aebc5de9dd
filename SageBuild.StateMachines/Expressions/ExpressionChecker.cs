using SageBuild.StateMachines.Json;
using SageBuild.StateMachines.Validation;

namespace SageBuild.StateMachines.Expressions;

/// <summary>Parses one kind of expression at one pointer and records a <see cref="DefinitionErrorCodes.InvalidPath"/> error when it fails.</summary>
internal sealed class ExpressionChecker(ICollection<DefinitionError> errors)
{
    private const string DynamicSuffix = ".$";

    /// <summary>A path such as InputPath: any JSONPath.</summary>
    public void Path(string? text, string pointer, string field)
    {
        if (text is not null && !JsonPath.TryParse(text, out _, out var error))
            Add(pointer, $"{field} is not a valid JSONPath: {error.Message}");
    }

    /// <summary>A reference path such as ItemsPath or a Choice Variable: properties and indexes only.</summary>
    public void ReferencePath(string? text, string pointer, string field)
    {
        if (text is null)
            return;
        try
        {
            JsonPath.ParseReferencePath(text);
        }
        catch (ExpressionSyntaxException e)
        {
            Add(pointer, $"{field} must be a reference path: {e.Message}");
        }
    }

    /// <summary>ResultPath: a reference path into the state's input, so it starts with <c>$</c>.</summary>
    public void ResultPath(string? text, string pointer)
    {
        if (text is null)
            return;
        try
        {
            var path = JsonPath.ParseReferencePath(text);
            if (path.Root != JsonPathRoot.Input)
                Add(pointer, $"ResultPath places the result in the state's input, so it starts with '$' and not with '{(path.Root == JsonPathRoot.Context ? "$$" : "$" + path.VariableName)}'");
        }
        catch (ExpressionSyntaxException e)
        {
            Add(pointer, $"ResultPath must be a reference path: {e.Message}");
        }
    }

    /// <summary>ErrorPath and CausePath: a reference path or an intrinsic function.</summary>
    public void ReferencePathOrIntrinsic(string? text, string pointer, string field)
    {
        if (text is null)
            return;
        if (!IntrinsicCall.LooksLikeCall(text))
        {
            ReferencePath(text, pointer, field);
            return;
        }

        try
        {
            IntrinsicCall.Parse(text);
        }
        catch (ExpressionSyntaxException e)
        {
            Add(pointer, $"{field} is not a valid intrinsic function: {e.Message}");
        }
    }

    /// <summary>A payload template: every key ending in <c>.$</c>, at any depth, holds a path or an intrinsic function.</summary>
    public void Template(JsonValue? template, string pointer)
    {
        switch (template)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj)
                {
                    var at = JsonPointer.Append(pointer, key);
                    if (key.EndsWith(DynamicSuffix, StringComparison.Ordinal))
                        DynamicValue(key, value, at);
                    else
                        Template(value, at);
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                    Template(array[i], JsonPointer.Append(pointer, i));
                break;
        }
    }

    private void DynamicValue(string key, JsonValue value, string pointer)
    {
        if (value is not JsonString { Value: var text })
        {
            Add(pointer, $"The value for the field '{key}' must be a string holding a JSONPath or an intrinsic function, not {value.Kind.ToString().ToLowerInvariant()} {value}");
            return;
        }

        try
        {
            if (IntrinsicCall.LooksLikeCall(text))
                IntrinsicCall.Parse(text);
            else if (text.StartsWith('$'))
                JsonPath.Parse(text);
            else
                Add(pointer, $"The value for the field '{key}' must be a valid JSONPath (starting with '$') or an intrinsic function (starting with 'States.'), not '{text}'");
        }
        catch (ExpressionSyntaxException e)
        {
            Add(pointer, $"The value for the field '{key}' must be a valid JSONPath or intrinsic function: {e.Message}");
        }
    }

    private void Add(string pointer, string message) => errors.Add(new DefinitionError(pointer, DefinitionErrorCodes.InvalidPath, message));
}
