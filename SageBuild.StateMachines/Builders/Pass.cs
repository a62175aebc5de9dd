using SageBuild.StateMachines.Model;

namespace SageBuild.StateMachines.Builders;

/// <summary>A Pass state: passes its input, a fixed result or a template on to the next state.</summary>
public sealed class Pass : NextableStateNode
{
    private readonly PassOptions _options;

    /// <summary>A Pass state named <paramref name="name"/>.</summary>
    public Pass(string name, PassOptions? options = null)
        : base(name) => _options = options ?? new PassOptions();

    /// <inheritdoc />
    public override StateType Type => StateType.Pass;

    /// <inheritdoc />
    public override QueryLanguage? QueryLanguage => _options.QueryLanguage;

    internal override State Render(StateRenderContext context)
    {
        const string jsonataInstead = "a JSONata Pass state gives its result in Output";
        context.RequireLanguage(_options.Parameters is not null, "Parameters", Model.QueryLanguage.JSONPath, jsonataInstead);
        context.RequireLanguage(_options.Result is not null, "Result", Model.QueryLanguage.JSONPath, jsonataInstead);
        var state = FlowRendering.Apply(new PassState(), _options, context) with
        {
            Parameters = context.RenderObject(_options.Parameters, "Parameters"),
            Result = _options.Result,
            ResultPath = FlowRendering.ResultPath(_options.ResultPath, context),
        };
        return FlowRendering.Transition(state, NextState);
    }
}
