using SageBuild.StateMachines.Model;
using SageBuild.StateMachines.Validation;

namespace SageBuild.StateMachines.Builders;

/// <summary>A Succeed state: ends its graph successfully. Nothing can follow it.</summary>
public sealed class Succeed : StateNode
{
    private readonly StateOptions _options;

    /// <summary>A Succeed state named <paramref name="name"/>.</summary>
    public Succeed(string name, StateOptions? options = null)
        : base(name) => _options = options ?? new StateOptions();

    /// <inheritdoc />
    public override StateType Type => StateType.Succeed;

    /// <inheritdoc />
    public override QueryLanguage? QueryLanguage => _options.QueryLanguage;

    /// <inheritdoc />
    public override IReadOnlyList<INextable> EndStates => [];

    internal override IEnumerable<(string Field, StateNode Target)> Transitions => [];

    internal override State Render(StateRenderContext context)
    {
        if (_options.Assign is not null)
            context.Error("Assign", DefinitionErrorCodes.SchemaValidationFailed, "a Succeed state cannot assign variables: nothing runs after it");
        return FlowRendering.Apply(new SucceedState(), _options with { Assign = null }, context);
    }
}
