namespace SageBuild.StateMachines.Builders;

/// <summary>The optional fields of one Choice rule.</summary>
public sealed record ChoiceRuleOptions
{
    /// <summary>A human-readable description of the rule.</summary>
    /// <value>None by default.</value>
    public string? Comment { get; init; }

    /// <summary>Variables to assign when the rule is taken.</summary>
    /// <value>None by default.</value>
    public TaskInput? Assign { get; init; }

    /// <summary>JSONata: the Choice's output when the rule is taken.</summary>
    /// <value>None by default.</value>
    public TaskInput? Output { get; init; }
}
