namespace SageBuild.Local.Ledger.Expressions;

/// <summary>A parsed UpdateExpression: its actions in the order they are applied, and the paths they write.</summary>
internal sealed class UpdatePlan(IReadOnlyList<UpdateAction> actions)
{
    public IReadOnlyList<UpdateAction> Actions { get; } = actions;

    public IReadOnlyList<AttributePath> Targets { get; } = actions.Select(a => a.Target).ToArray();

    public AttributeValue Apply(AttributeValue item, AttributeValue? original)
    {
        foreach (var action in Actions)
            item = action.Apply(item, original);
        return item;
    }
}
