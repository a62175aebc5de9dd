using SageBuild.StateMachines.Conditions;
using SageBuild.StateMachines.Model;
using SageBuild.StateMachines.Validation;

namespace SageBuild.StateMachines.Builders;

/// <summary>
/// A Choice state: goes to the target of the first rule whose condition holds, else to its
/// <see cref="Otherwise"/> target. A Choice has no Next of its own; join its branches with <see cref="Afterwards"/>.
/// </summary>
public sealed class Choice : StateNode
{
    private readonly StateOptions _options;
    private readonly List<(Condition Condition, StateNode Target, ChoiceRuleOptions? Options)> _rules = [];
    private StateNode? _otherwise;

    /// <summary>A Choice state named <paramref name="name"/>.</summary>
    public Choice(string name, StateOptions? options = null)
        : base(name) => _options = options ?? new StateOptions();

    /// <inheritdoc />
    public override StateType Type => StateType.Choice;

    /// <inheritdoc />
    public override QueryLanguage? QueryLanguage => _options.QueryLanguage;

    /// <summary>Empty: a Choice's branches end elsewhere. Use <see cref="Afterwards"/> to continue after them.</summary>
    public override IReadOnlyList<INextable> EndStates => [];

    /// <summary>Goes to <paramref name="next"/> when <paramref name="condition"/> holds (rules are tried in the order added).</summary>
    public Choice When(Condition condition, IChainable next, ChoiceRuleOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        ArgumentNullException.ThrowIfNull(next);
        _rules.Add((condition, next.StartState, options));
        return this;
    }

    /// <summary>Goes to <paramref name="next"/> when no rule holds (the ASL <c>Default</c>).</summary>
    /// <exception cref="InvalidOperationException">The Choice already has an Otherwise target.</exception>
    public Choice Otherwise(IChainable next)
    {
        ArgumentNullException.ThrowIfNull(next);
        if (_otherwise is not null)
            throw new InvalidOperationException($"{this} already goes to '{_otherwise.Name}' otherwise; a Choice has one Otherwise");
        _otherwise = next.StartState;
        return this;
    }

    /// <summary>
    /// A chain whose ends are every open end reachable from this Choice's branches, so they can join again.
    /// With <paramref name="includeOtherwise"/> and no Otherwise target yet, the Choice's own default joins too.
    /// </summary>
    public Chain Afterwards(bool includeOtherwise = false)
    {
        var ends = new List<INextable>();
        var seen = new HashSet<StateNode>(ReferenceEqualityComparer.Instance) { this };
        var pending = new Stack<StateNode>(Targets().Reverse());
        while (pending.TryPop(out var state))
        {
            if (!seen.Add(state))
                continue;
            if (state is NextableStateNode { NextState: null } end)
                ends.Add(end);
            var successors = state is Choice inner ? inner.Targets() : state.Transitions.Where(t => t.Field == "Next").Select(t => t.Target);
            foreach (var successor in successors.Reverse())
                pending.Push(successor);
        }

        if (includeOtherwise && _otherwise is null)
            ends.Add(new OtherwiseEnd(this));
        return Chain.Custom(this, ends);
    }

    private IEnumerable<StateNode> Targets() => _rules.Select(r => r.Target).Concat(_otherwise is null ? [] : [_otherwise]);

    internal override IEnumerable<(string Field, StateNode Target)> Transitions =>
        _rules.Select((r, i) => ($"Choices/{i}/Next", r.Target)).Concat(_otherwise is null ? [] : [("Default", _otherwise)]);

    internal override State Render(StateRenderContext context)
    {
        if (_rules.Count == 0)
            context.Error("Choices", DefinitionErrorCodes.InvalidChoiceRule, $"{this} has no rules: add at least one with When(condition, next)");
        var rules = new List<ChoiceRule>(_rules.Count);
        for (var i = 0; i < _rules.Count; i++)
        {
            var (condition, target, options) = _rules[i];
            var pointer = JsonPointer.Append(context.PointerTo("Choices"), i);
            var isJsonata = condition is JsonataCondition;
            if (isJsonata != context.IsJsonata)
            {
                context.Compiler.Errors.Add(new DefinitionError(pointer, DefinitionErrorCodes.InvalidChoiceRule, context.IsJsonata
                    ? "a JSONata Choice rule is a Condition: use Condition.Jsonata(\"...\")"
                    : "a JSONata Condition needs a JSONata state: set QueryLanguage to JSONata, or use a JSONPath comparison"));
            }

            var rule = new StateRenderContext(pointer, context.Language, context.Compiler);
            rule.RequireLanguage(options?.Output is not null, "Output", Model.QueryLanguage.JSONata, "a JSONPath Choice passes its input on");
            rules.Add(new ChoiceRule
            {
                Condition = condition,
                Next = target.Name,
                Comment = options?.Comment,
                Assign = rule.RenderObject(options?.Assign, "Assign"),
                Output = rule.Render(options?.Output, "Output"),
            });
        }

        return FlowRendering.Apply(new ChoiceState { Choices = ValueList.From(rules) }, _options, context) with { Default = _otherwise?.Name };
    }

    /// <summary>The Choice's default, seen as an open end: chaining onto it sets the Otherwise target.</summary>
    private sealed class OtherwiseEnd(Choice choice) : INextable
    {
        public Chain Next(IChainable next)
        {
            choice.Otherwise(next);
            return Chain.Joined(choice, next);
        }
    }
}
