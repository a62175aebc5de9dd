using System.Text.RegularExpressions;
using SageBuild.StateMachines.Iam;
using SageBuild.StateMachines.Json;
using SageBuild.StateMachines.Model;
using SageBuild.StateMachines.Validation;

namespace SageBuild.StateMachines.Builders;

/// <summary>
/// A whole state machine built from chained states. <see cref="Build"/> validates everything before anything is
/// emitted and reports every problem at once; <see cref="PolicyDocument"/> gives the least-privilege IAM policy
/// its role needs, gathered from every task, through Parallel branches and Map processors.
/// </summary>
public sealed partial class StateMachine
{
    private readonly IChainable _definition;

    private StateMachine(string name, IChainable definition, StateMachineOptions options)
    {
        Name = name;
        _definition = definition;
        Options = options;
    }

    /// <summary>The state machine's name.</summary>
    public string Name { get; }

    /// <summary>The top-level options.</summary>
    public StateMachineOptions Options { get; }

    /// <summary>A state machine named <paramref name="name"/> that starts with <paramref name="definition"/>.</summary>
    public static StateMachine Define(string name, IChainable definition, StateMachineOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (!NamePattern().IsMatch(name))
            throw new ArgumentException($"'{name}' is not a state machine name: use 1 to 80 letters, digits, '-' and '_'", nameof(name));
        return new StateMachine(name, definition, options ?? new StateMachineOptions());
    }

    /// <summary>The ASL model; throws one <see cref="DefinitionException"/> listing every problem with its JSON pointer.</summary>
    public StateMachineDefinition Build() => Compile().Definition;

    /// <summary>The ASL document as text (deterministic, stable key order).</summary>
    public string ToAslJson(bool indented = true) => AslJson.Write(Build(), indented);

    /// <summary>
    /// The statements the state machine's role needs, merged and de-duplicated in a deterministic order. ARNs hold
    /// <see cref="ArnContext"/> tokens; <see cref="ArnContext.StateMachineNameToken"/> already stands for <see cref="Name"/>.
    /// </summary>
    public IReadOnlyList<PolicyStatement> PolicyStatements() => PolicyDocument().Statements;

    /// <summary>The role's policy document; with <paramref name="context"/>, its tokens are resolved.</summary>
    public PolicyDocument PolicyDocument(ArnContext? context = null)
    {
        var statements = Compile().States.SelectMany(s => s.PolicyStatements())
            .Select(s => PolicyStatement.Create(s.Effect, s.Actions, s.Resources.Select(r => r.Replace(ArnContext.StateMachineNameToken, context?.StateMachineName ?? Name, StringComparison.Ordinal)), s.Conditions));
        var document = Iam.PolicyDocument.Create(statements);
        return context is null ? document : document.Resolve(context);
    }

    private (StateMachineDefinition Definition, List<StateNode> States) Compile()
    {
        var compiler = new GraphCompiler(this, Options.QueryLanguage ?? QueryLanguage.JSONPath);
        var (startAt, states) = compiler.CompileGraph(_definition.StartState, "");
        int? timeout = null;
        if (Options.Timeout is { } t)
        {
            if (t <= TimeSpan.Zero || t.Ticks % TimeSpan.TicksPerSecond != 0 || t.TotalSeconds > int.MaxValue)
                compiler.Errors.Add(new DefinitionError("/TimeoutSeconds", DefinitionErrorCodes.SchemaValidationFailed, $"{nameof(StateMachineOptions)}.{nameof(StateMachineOptions.Timeout)} must be a positive whole number of seconds, not {t}"));
            else
                timeout = (int)t.TotalSeconds;
        }

        var definition = new StateMachineDefinition
        {
            StartAt = startAt,
            States = states,
            Comment = Options.Comment,
            TimeoutSeconds = timeout,
            Version = Options.Version,
            QueryLanguage = Options.QueryLanguage,
        };

        // The validator's rules run on the model too. Where the builders already reported a field, their message
        // (which speaks of the builder API) stands alone: one place, one report.
        var errors = compiler.Errors;
        var reported = errors.Select(e => e.Pointer).ToHashSet(StringComparer.Ordinal);
        foreach (var error in DefinitionValidator.Validate(definition))
        {
            if (!reported.Contains(error.Pointer))
                errors.Add(error);
        }

        if (errors.Count > 0)
            throw new DefinitionException(errors);
        return (definition, compiler.States);
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,80}$")]
    private static partial Regex NamePattern();
}
