using SageBuild.StateMachines.Json;

namespace SageBuild.Engine.Expressions;

/// <summary>
/// A compiled JSONPath payload template (Parameters, ResultSelector, ItemSelector, Assign, Credentials): keys ending in
/// <c>.$</c> take the value of a path, a context path, a variable or an intrinsic function, in objects at any depth,
/// arrays included. Other keys are literal. Parts without a <c>.$</c> key are shared, not copied, and the template
/// is compiled once: evaluation only looks values up and builds the result.
/// </summary>
public sealed class PayloadTemplate
{
    private const string DynamicSuffix = ".$";

    private readonly TemplateNode _root;

    private PayloadTemplate(JsonValue template, TemplateNode root)
    {
        Template = template;
        _root = root;
    }

    /// <summary>The template as written.</summary>
    public JsonValue Template { get; }

    /// <summary>Whether the template has no <c>.$</c> key, so it always gives itself.</summary>
    public bool IsConstant => _root is ConstantTemplateNode;

    /// <summary>Compiles a template; throws <see cref="FormatException"/> for a path or intrinsic that does not parse.</summary>
    public static PayloadTemplate Compile(JsonValue template)
    {
        ArgumentNullException.ThrowIfNull(template);
        return new PayloadTemplate(template, CompileNode(template));
    }

    /// <summary>
    /// Evaluates the template. Throws <see cref="StatesErrorException"/> with States.Runtime when a path finds
    /// nothing (AWS's wording: "The JSONPath '$.x' specified for the field 'x.$' could not be found in the input
    /// '...'") or States.Runtime when a function cannot work with its arguments.
    /// </summary>
    public JsonValue Evaluate(IEvaluationScope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        return _root.Evaluate(scope);
    }

    private static TemplateNode CompileNode(JsonValue value) => value switch
    {
        JsonObject obj => CompileObject(obj),
        JsonArray array => CompileArray(array),
        _ => new ConstantTemplateNode(value),
    };

    private static TemplateNode CompileObject(JsonObject obj)
    {
        var keys = new List<string>(obj.Count);
        var values = new List<TemplateNode>(obj.Count);
        var isConstant = true;
        foreach (var (key, value) in obj.AsSpan())
        {
            string name;
            TemplateNode node;
            if (key.EndsWith(DynamicSuffix, StringComparison.Ordinal))
            {
                if (value is not JsonString { Value: var text })
                    throw new FormatException($"The value for the field '{key}' must be a string holding a JSONPath or an intrinsic function, not {value}");
                name = key[..^DynamicSuffix.Length];
                node = new DynamicTemplateNode(key, Compile(key, text));
                isConstant = false;
            }
            else
            {
                name = key;
                node = CompileNode(value);
                isConstant &= node is ConstantTemplateNode;
            }

            // "a" and "a.$" in one template name the same output key: the later one wins, in the earlier one's place.
            var existing = keys.IndexOf(name);
            if (existing >= 0)
            {
                values[existing] = node;
                isConstant = false;
                continue;
            }

            keys.Add(name);
            values.Add(node);
        }

        return isConstant ? new ConstantTemplateNode(obj) : new ObjectTemplateNode([.. keys], [.. values]);
    }

    private static TemplateNode CompileArray(JsonArray array)
    {
        var items = new TemplateNode[array.Count];
        var isConstant = true;
        for (var i = 0; i < items.Length; i++)
        {
            items[i] = CompileNode(array[i]);
            isConstant &= items[i] is ConstantTemplateNode;
        }

        return isConstant ? new ConstantTemplateNode(array) : new ArrayTemplateNode(items);
    }

    private static FieldExpression Compile(string key, string text)
    {
        try
        {
            return FieldExpression.Compile(text);
        }
        catch (FormatException e)
        {
            throw new FormatException($"The value for the field '{key}' must be a valid JSONPath or intrinsic function: {e.Message}", e);
        }
    }
}
