using SageBuild.Engine.Expressions;
using SageBuild.StateMachines.Json;

namespace SageBuild.Engine.Execution;

/// <summary>A field such as ErrorPath whose value is a reference path or an intrinsic function giving a string.</summary>
internal sealed class DynamicString(string field, string expression)
{
    private readonly FieldExpression _expression = FieldExpression.Compile(expression);

    public string Evaluate(RunFrame frame, JsonValue input)
    {
        var value = frame.Evaluate(_expression, input, field);
        return value is JsonString s ? s.Value : value.ToJson();
    }
}
