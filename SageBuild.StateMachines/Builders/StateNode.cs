using SageBuild.StateMachines.Iam;
using SageBuild.StateMachines.Model;

namespace SageBuild.StateMachines.Builders;

/// <summary>
/// A state being built. Subclasses are the eight ASL state types and the typed tasks; the family is closed.
/// A state object belongs to one graph of one state machine: reuse a shape through a <see cref="StateMachineFragment"/>.
/// </summary>
public abstract class StateNode : IChainable
{
    /// <summary>The most characters AWS allows in a state name.</summary>
    public const int MaxNameLength = 80;

    private protected StateNode(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (name.Length > MaxNameLength)
            throw new ArgumentException($"the state name '{name}' has {name.Length} characters; AWS allows at most {MaxNameLength}", nameof(name));
        Name = name;
    }

    /// <summary>The state's name, including any fragment prefix.</summary>
    public string Name { get; private set; }

    /// <summary>The state's type.</summary>
    public abstract StateType Type { get; }

    /// <summary>The state's own query language, when it overrides the machine's.</summary>
    public abstract QueryLanguage? QueryLanguage { get; }

    StateNode IChainable.StartState => this;

    /// <inheritdoc />
    public abstract IReadOnlyList<INextable> EndStates { get; }

    /// <summary>The machine this state was first built into; a state belongs to one machine.</summary>
    internal object? Owner { get; set; }

    /// <summary>Set once a fragment has prefixed this state, so a fragment that reuses its states is caught.</summary>
    internal bool IsInstantiated { get; set; }

    /// <summary>The transitions inside this state's graph, each with its field relative to the state (<c>Next</c>, <c>Catch/0/Next</c>).</summary>
    internal abstract IEnumerable<(string Field, StateNode Target)> Transitions { get; }

    /// <summary>The start states of the graphs inside this state (Parallel branches, Map processor).</summary>
    internal virtual IEnumerable<StateNode> ChildGraphStarts => [];

    /// <summary>The state as an ASL model record.</summary>
    internal abstract State Render(StateRenderContext context);

    /// <summary>The IAM statements the state machine's role needs for this state.</summary>
    internal virtual IEnumerable<PolicyStatement> PolicyStatements() => [];

    internal void AddPrefix(string prefix) => Name = prefix + Name;

    /// <inheritdoc />
    public override string ToString() => $"the {Type} state '{Name}'";
}
