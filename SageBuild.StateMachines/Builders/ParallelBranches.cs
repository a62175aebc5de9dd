using SageBuild.StateMachines.Model;
using SageBuild.StateMachines.Validation;

namespace SageBuild.StateMachines.Builders;

/// <summary>
/// A Parallel state: runs every branch on the same input; its result is the array of the branches' outputs.
/// (Named ParallelBranches so it never clashes with <see cref="System.Threading.Tasks.Parallel"/>, which every
/// project imports implicitly.)
/// </summary>
public sealed class ParallelBranches : RetryableStateNode
{
    private readonly ParallelBranchesOptions _options;
    private readonly List<StateNode> _branches = [];

    /// <summary>A Parallel state named <paramref name="name"/>; add branches with <see cref="Branch"/>.</summary>
    public ParallelBranches(string name, ParallelBranchesOptions? options = null)
        : base(name, options ?? new ParallelBranchesOptions()) => _options = options ?? new ParallelBranchesOptions();

    /// <inheritdoc />
    public override StateType Type => StateType.Parallel;

    /// <inheritdoc />
    public override QueryLanguage? QueryLanguage => _options.QueryLanguage;

    /// <summary>Adds one branch per chainable, in order.</summary>
    public ParallelBranches Branch(params IChainable[] branches)
    {
        ArgumentNullException.ThrowIfNull(branches);
        foreach (var branch in branches)
        {
            ArgumentNullException.ThrowIfNull(branch);
            _branches.Add(branch.StartState);
        }

        return this;
    }

    internal override IEnumerable<StateNode> ChildGraphStarts => _branches;

    internal override State Render(StateRenderContext context)
    {
        if (_branches.Count == 0)
            context.Error("Branches", DefinitionErrorCodes.SchemaValidationFailed, $"{this} has no branches: add them with Branch(...)");
        var branches = new List<StateGraph>(_branches.Count);
        for (var i = 0; i < _branches.Count; i++)
        {
            var (startAt, states) = context.Compiler.CompileGraph(_branches[i], JsonPointer.Append(context.PointerTo("Branches"), i));
            branches.Add(new StateGraph { StartAt = startAt, States = states });
        }

        var parameters = context.RenderObject(_options.Parameters, context.IsJsonata ? "Arguments" : "Parameters");
        return ApplyResult(new ParallelState { Branches = ValueList.From(branches) }, _options, context) with
        {
            Parameters = context.IsJsonata ? null : parameters,
            Arguments = context.IsJsonata ? parameters : null,
        };
    }
}
