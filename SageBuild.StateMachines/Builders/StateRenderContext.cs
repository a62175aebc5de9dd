using SageBuild.StateMachines.Json;
using SageBuild.StateMachines.Model;
using SageBuild.StateMachines.Validation;

namespace SageBuild.StateMachines.Builders;

/// <summary>What a state needs while it renders: where it will be, its effective query language, and the error list.</summary>
internal sealed class StateRenderContext(string pointer, QueryLanguage language, GraphCompiler compiler)
{
    public string Pointer { get; } = pointer;

    public QueryLanguage Language { get; } = language;

    public bool IsJsonata => Language == QueryLanguage.JSONata;

    public GraphCompiler Compiler { get; } = compiler;

    public string PointerTo(string field) => JsonPointer.Append(Pointer, field);

    public void Error(string field, string code, string message) => Compiler.Errors.Add(new DefinitionError(PointerTo(field), code, message));

    /// <summary>A template rendered for this state's language, errors pointing inside <paramref name="field"/>.</summary>
    public JsonValue? Render(TaskInput? input, string field) => input?.Render(Language, PointerTo(field), Compiler.Errors);

    /// <summary>An object template (Assign, Parameters); anything else is reported.</summary>
    public JsonObject? RenderObject(TaskInput? input, string field)
    {
        if (input is null)
            return null;
        var value = input.Render(Language, PointerTo(field), Compiler.Errors);
        if (value is JsonObject o)
            return o;
        Error(field, DefinitionErrorCodes.SchemaValidationFailed, $"{field} must be an object template, not {value.Kind.ToString().ToLowerInvariant()}");
        return null;
    }

    /// <summary>A JSONPath-only field set in a JSONata state, or the reverse, is reported.</summary>
    public void RequireLanguage(bool isSet, string field, QueryLanguage required, string instead)
    {
        if (isSet && Language != required)
        {
            Error(field, required == QueryLanguage.JSONPath ? DefinitionErrorCodes.InvalidJsonata : DefinitionErrorCodes.InvalidPath,
                $"{field} is a {required} field and this state uses {Language}: {instead}");
        }
    }

    /// <summary>A numeric field and its <c>…Path</c> twin: a literal, a reference path, or a JSONata expression.</summary>
    public (NumberOrJsonata? Value, string? Path) Number(Field<double>? field, string name)
    {
        if (field is not { } f)
            return (null, null);
        if (f.FieldExpression is not { } e)
            return (NumberOrJsonata.Of(f.Value), null);
        if (e.Kind == ExpressionKind.Jsonata)
        {
            RequireLanguage(true, name, QueryLanguage.JSONata, $"give {name} a number or a JSONPath reference");
            return (NumberOrJsonata.OfExpression(e.Rendered), null);
        }

        RequireLanguage(true, name + "Path", QueryLanguage.JSONPath, $"give {name} a number or a JSONata expression");
        if (e.Kind == ExpressionKind.Intrinsic)
            Error(name + "Path", DefinitionErrorCodes.InvalidPath, $"{name}Path takes a reference path, not the intrinsic function '{e.Text}'");
        return (null, e.Text);
    }

    /// <summary>A string field and its <c>…Path</c> twin (Fail's Error and Cause, Wait's Timestamp).</summary>
    public (string? Value, string? Path) Text<T>(Field<T>? field, string name, Func<T?, string> literal)
    {
        if (field is not { } f)
            return (null, null);
        if (f.FieldExpression is not { } e)
            return (literal(f.Value), null);
        if (e.Kind == ExpressionKind.Jsonata)
        {
            RequireLanguage(true, name, QueryLanguage.JSONata, $"give {name} a literal or a JSONPath reference");
            return (e.Rendered, null);
        }

        RequireLanguage(true, name + "Path", QueryLanguage.JSONPath, $"give {name} a literal or a JSONata expression");
        return (null, e.Text);
    }
}
