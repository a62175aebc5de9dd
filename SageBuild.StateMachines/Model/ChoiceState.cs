namespace SageBuild.StateMachines.Model;

/// <summary>Branches on the first rule that matches, else on <see cref="Default"/>.</summary>
public sealed record ChoiceState : DataFlowState
{
    /// <inheritdoc />
    public override StateType Type => StateType.Choice;

    /// <summary>The rules, tried in order.</summary>
    public required ValueList<ChoiceRule> Choices { get; init; }

    /// <summary>The state to go to when no rule matches; without it, no match fails with States.NoChoiceMatched.</summary>
    public string? Default { get; init; }
}
