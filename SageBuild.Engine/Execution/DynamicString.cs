using SageBuild.Engine.Expressions;
using SageBuild.StateMachines.Json;
using SageBuild.StateMachines.Model;

namespace SageBuild.Engine.Execution;

/// <summary>A field such as ErrorPath whose value is a reference path or an intrinsic function giving a string.</summary>
internal sealed class DynamicString
{
    private readonly string _field;
    private readonly string _text;
    private readonly PathExpression? _path;
    private readonly PayloadTemplate? _intrinsic;

    public DynamicString(string field, string expression)
    {
        _field = field;
        _text = expression;
        if (expression.StartsWith("States.", StringComparison.Ordinal))
            _intrinsic = PayloadTemplate.Compile(JsonObject.Create((field + ".$", expression)));
        else
            _path = PathExpression.Compile(expression);
    }

    public string? Evaluate(RunFrame frame, JsonValue input)
    {
        JsonValue value;
        if (_intrinsic is not null)
        {
            value = ((JsonObject)frame.Evaluate(_intrinsic, input))[_field];
        }
        else if (!frame.TrySelect(_path!, input, out value))
        {
            throw new StatesErrorException(ErrorNames.Runtime,
                $"The JSONPath '{_text}' specified for the field '{_field}' could not be found in the input '{input.ToJson()}'");
        }

        return value is JsonString s ? s.Value : value.ToJson();
    }
}
