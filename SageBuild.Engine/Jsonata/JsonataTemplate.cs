using System.Globalization;
using SageBuild.StateMachines.Json;
using SageBuild.StateMachines.Jsonata;

namespace SageBuild.Engine.Jsonata;

/// <summary>
/// A compiled JSONata field value (Arguments, Output, Assign, Items, ItemSelector, Parameters of an ItemReader...):
/// any string that is exactly <c>{% expression %}</c>, at any depth, is an expression; everything else is literal.
/// Compiled once per definition and shared; a template with no expression evaluates to itself without copying.
/// </summary>
public sealed class JsonataTemplate
{
    private readonly Node _root;

    private JsonataTemplate(JsonValue template, string field, Node root)
    {
        Template = template;
        Field = field;
        _root = root;
    }

    /// <summary>The value as written.</summary>
    public JsonValue Template { get; }

    /// <summary>The field this template fills, such as <c>Output</c>, <c>Assign</c> or <c>Choices[1]/Output</c>.</summary>
    public string Field { get; }

    /// <summary>Whether the template holds no expression at all.</summary>
    public bool IsConstant => _root is ConstantNode;

    /// <summary>
    /// Compiles <paramref name="template"/> for <paramref name="field"/>, the name AWS reports failures under.
    /// Throws <see cref="JsonataSyntaxException"/> when an expression does not parse.
    /// </summary>
    public static JsonataTemplate Compile(JsonValue template, string field)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(field);
        return new JsonataTemplate(template, field, CompileNode(template, field));
    }

    /// <summary>Evaluates; throws <see cref="Expressions.StatesErrorException"/> (States.QueryEvaluationError) on failure.</summary>
    public JsonValue Evaluate(JsonataBindings bindings) =>
        TryEvaluate(bindings, out var value, out var failure) ? value : throw failure!.ToException();

    /// <summary>Evaluates; on failure returns false with the field, expression and cause of the first expression that failed.</summary>
    public bool TryEvaluate(JsonataBindings bindings, out JsonValue value, out JsonataFailure? failure)
    {
        ArgumentNullException.ThrowIfNull(bindings);
        return _root.TryEvaluate(bindings, out value, out failure);
    }

    private static Node CompileNode(JsonValue value, string location)
    {
        switch (value)
        {
            case JsonString s when JsonataSyntax.IsExpression(s.Value):
                return new ExpressionNode(JsonataExpression.Compile(s.Value), location);
            case JsonObject o:
                var members = new (string Key, Node Node)[o.Count];
                var dynamic = false;
                for (var i = 0; i < o.Count; i++)
                {
                    var (key, member) = o[i];
                    members[i] = (key, CompileNode(member, location + "/" + key));
                    dynamic |= members[i].Node is not ConstantNode;
                }

                return dynamic ? new ObjectNode(members) : new ConstantNode(value);
            case JsonArray a:
                var items = new Node[a.Count];
                var anyDynamic = false;
                for (var i = 0; i < a.Count; i++)
                {
                    items[i] = CompileNode(a[i], location + "[" + i.ToString(CultureInfo.InvariantCulture) + "]");
                    anyDynamic |= items[i] is not ConstantNode;
                }

                return anyDynamic ? new ArrayNode(items) : new ConstantNode(value);
            default:
                return new ConstantNode(value);
        }
    }

    private abstract class Node
    {
        public abstract bool TryEvaluate(JsonataBindings bindings, out JsonValue value, out JsonataFailure? failure);
    }

    private sealed class ConstantNode(JsonValue value) : Node
    {
        public override bool TryEvaluate(JsonataBindings bindings, out JsonValue result, out JsonataFailure? failure)
        {
            result = value;
            failure = null;
            return true;
        }
    }

    private sealed class ExpressionNode(JsonataExpression expression, string location) : Node
    {
        public override bool TryEvaluate(JsonataBindings bindings, out JsonValue value, out JsonataFailure? failure) =>
            expression.TryEvaluate(bindings, location, out value, out failure);
    }

    private sealed class ObjectNode((string Key, Node Node)[] members) : Node
    {
        public override bool TryEvaluate(JsonataBindings bindings, out JsonValue value, out JsonataFailure? failure)
        {
            var builder = new JsonObjectBuilder(members.Length);
            foreach (var (key, node) in members)
            {
                if (!node.TryEvaluate(bindings, out var member, out failure))
                {
                    value = JsonNull.Instance;
                    return false;
                }

                builder.Set(key, member);
            }

            value = builder.Build();
            failure = null;
            return true;
        }
    }

    private sealed class ArrayNode(Node[] items) : Node
    {
        public override bool TryEvaluate(JsonataBindings bindings, out JsonValue value, out JsonataFailure? failure)
        {
            var results = new JsonValue[items.Length];
            for (var i = 0; i < items.Length; i++)
            {
                if (!items[i].TryEvaluate(bindings, out results[i], out failure))
                {
                    value = JsonNull.Instance;
                    return false;
                }
            }

            value = JsonArray.Wrap(results);
            failure = null;
            return true;
        }
    }
}
