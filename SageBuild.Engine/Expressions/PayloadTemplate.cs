using SageBuild.StateMachines.Json;

namespace SageBuild.Engine.Expressions;

// CONTRACT SKELETON: implemented by the expressions work; the engine codes against these signatures.

/// <summary>
/// A compiled JSONPath payload template (Parameters, ResultSelector, ItemSelector, Assign, Credentials): keys ending in
/// <c>.$</c> take the value of a path, a context path or an intrinsic function.
/// </summary>
public sealed class PayloadTemplate
{
    private PayloadTemplate(JsonValue template) => Template = template;

    /// <summary>The template as written.</summary>
    public JsonValue Template { get; }

    /// <summary>Compiles a template; throws <see cref="FormatException"/> for a path or intrinsic that does not parse.</summary>
    public static PayloadTemplate Compile(JsonValue template) => new(template ?? throw new ArgumentNullException(nameof(template)));

    /// <summary>Evaluates the template. Throws <see cref="StatesErrorException"/> with States.ParameterPathFailure or States.IntrinsicFailure.</summary>
    public JsonValue Evaluate(IEvaluationScope scope) => throw new NotImplementedException();
}
