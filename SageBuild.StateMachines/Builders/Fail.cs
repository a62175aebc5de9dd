using SageBuild.StateMachines.Model;

namespace SageBuild.StateMachines.Builders;

/// <summary>A Fail state: ends the execution with an error and a cause. Nothing can follow it.</summary>
public sealed class Fail : StateNode
{
    private readonly FailOptions _options;

    /// <summary>A Fail state named <paramref name="name"/>.</summary>
    public Fail(string name, FailOptions? options = null)
        : base(name) => _options = options ?? new FailOptions();

    /// <inheritdoc />
    public override StateType Type => StateType.Fail;

    /// <inheritdoc />
    public override QueryLanguage? QueryLanguage => _options.QueryLanguage;

    /// <inheritdoc />
    public override IReadOnlyList<INextable> EndStates => [];

    internal override IEnumerable<(string Field, StateNode Target)> Transitions => [];

    internal override State Render(StateRenderContext context)
    {
        var (error, errorPath) = context.Text(_options.Error, "Error", v => v ?? "");
        var (cause, causePath) = context.Text(_options.Cause, "Cause", v => v ?? "");
        return new FailState
        {
            Comment = _options.Comment,
            QueryLanguage = _options.QueryLanguage,
            Error = error,
            ErrorPath = errorPath,
            Cause = cause,
            CausePath = causePath,
        };
    }
}
