namespace SageBuild.StateMachines.Builders;

/// <summary>One Catch rule: the errors it catches and where it goes.</summary>
public sealed record CatcherOptions
{
    /// <summary>The errors this rule catches. <c>States.ALL</c> must stand alone, in the last rule.</summary>
    /// <value>Defaults to <c>["States.ALL"]</c>.</value>
    public IReadOnlyList<string> ErrorEquals { get; init; } = [Model.ErrorNames.All];

    /// <summary>Where the error goes; required in <see cref="ResultStateOptions.Catch"/>, given as an argument to <c>AddCatch</c>.</summary>
    /// <value>None by default.</value>
    public IChainable? Handler { get; init; }

    /// <summary>JSONPath: where the error output goes in the input; <see cref="JsonPath.DiscardResult"/> keeps the input.</summary>
    /// <value>Null by default: the error output replaces the input.</value>
    public Model.NullablePath? ResultPath { get; init; }

    /// <summary>JSONata: the output passed to the handler.</summary>
    /// <value>None by default.</value>
    public TaskInput? Output { get; init; }

    /// <summary>Variables to assign when the rule is taken.</summary>
    /// <value>None by default.</value>
    public TaskInput? Assign { get; init; }

    /// <summary>A human-readable description.</summary>
    /// <value>None by default.</value>
    public string? Comment { get; init; }
}
