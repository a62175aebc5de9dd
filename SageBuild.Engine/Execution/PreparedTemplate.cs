using SageBuild.Engine.Expressions;
using SageBuild.StateMachines.Json;

namespace SageBuild.Engine.Execution;

/// <summary>
/// A payload template (Parameters, ResultSelector, ItemSelector, Assign, ...), folded at preparation: a template
/// without any <c>.$</c> key is a constant and is returned as is, with no evaluation at run time.
/// </summary>
internal sealed class PreparedTemplate
{
    private readonly JsonValue? _constant;
    private readonly PayloadTemplate? _template;

    private PreparedTemplate(JsonValue? constant, PayloadTemplate? template)
    {
        _constant = constant;
        _template = template;
    }

    public static PreparedTemplate Compile(JsonValue template) =>
        IsDynamic(template) ? new PreparedTemplate(null, PayloadTemplate.Compile(template)) : new PreparedTemplate(template, null);

    public static PreparedTemplate? CompileOptional(JsonValue? template) => template is null ? null : Compile(template);

    public JsonValue Evaluate(RunFrame frame, JsonValue input) => _constant ?? frame.Evaluate(_template!, input);

    private static bool IsDynamic(JsonValue value)
    {
        switch (value)
        {
            case JsonObject o:
                foreach (var (key, item) in o.AsSpan())
                {
                    if (key.EndsWith(".$", StringComparison.Ordinal) || IsDynamic(item))
                        return true;
                }

                return false;
            case JsonArray a:
                foreach (var item in a.AsSpan())
                {
                    if (IsDynamic(item))
                        return true;
                }

                return false;
            default:
                return false;
        }
    }
}
