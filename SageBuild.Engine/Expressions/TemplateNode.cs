using SageBuild.StateMachines.Json;

namespace SageBuild.Engine.Expressions;

/// <summary>A compiled part of a payload template.</summary>
internal abstract class TemplateNode
{
    public abstract JsonValue Evaluate(IEvaluationScope scope);
}

/// <summary>A part with no <c>.$</c> key anywhere inside: the template's own value, shared with every result.</summary>
internal sealed class ConstantTemplateNode(JsonValue value) : TemplateNode
{
    public JsonValue Value => value;

    public override JsonValue Evaluate(IEvaluationScope scope) => value;
}

/// <summary>The value of a <c>key.$</c> field.</summary>
internal sealed class DynamicTemplateNode(string field, FieldExpression expression) : TemplateNode
{
    public override JsonValue Evaluate(IEvaluationScope scope) => expression.Evaluate(scope, field);
}

/// <summary>An object with a dynamic part: its keys are fixed, so the result is built straight into an array of the right size.</summary>
internal sealed class ObjectTemplateNode(string[] keys, TemplateNode[] values) : TemplateNode
{
    public override JsonValue Evaluate(IEvaluationScope scope)
    {
        var properties = new KeyValuePair<string, JsonValue>[keys.Length];
        for (var i = 0; i < keys.Length; i++)
            properties[i] = new(keys[i], values[i].Evaluate(scope));
        return JsonObject.Wrap(properties);
    }
}

/// <summary>An array with a dynamic part.</summary>
internal sealed class ArrayTemplateNode(TemplateNode[] items) : TemplateNode
{
    public override JsonValue Evaluate(IEvaluationScope scope)
    {
        var values = new JsonValue[items.Length];
        for (var i = 0; i < items.Length; i++)
            values[i] = items[i].Evaluate(scope);
        return JsonArray.Wrap(values);
    }
}
