namespace SageBuild.StateMachines.Validation;

/// <summary>A definition with problems; the message lists every one with its JSON pointer.</summary>
public sealed class DefinitionException : Exception
{
    /// <summary>A definition error listing <paramref name="errors"/>.</summary>
    public DefinitionException(IReadOnlyList<DefinitionError> errors)
        : base(Describe(errors)) => Errors = errors;

    public DefinitionException()
        : this([])
    {
    }

    public DefinitionException(string message)
        : base(message) => Errors = [];

    public DefinitionException(string message, Exception innerException)
        : base(message, innerException) => Errors = [];

    /// <summary>Every problem found.</summary>
    public IReadOnlyList<DefinitionError> Errors { get; }

    private static string Describe(IReadOnlyList<DefinitionError> errors) =>
        errors.Count == 0 ? "the definition is invalid" : "the definition is invalid:" + string.Concat(errors.Select(e => Environment.NewLine + "  " + e));
}
