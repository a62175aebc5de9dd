namespace SageBuild.StateMachines.Validation;

/// <summary>One problem in a definition.</summary>
/// <param name="Pointer">The JSON pointer of the faulty field, such as <c>/States/Train/InputPath</c>.</param>
/// <param name="Code">A stable code, named as AWS's ValidateStateMachineDefinition names its diagnostics.</param>
/// <param name="Message">What is wrong, in words.</param>
public sealed record DefinitionError(string Pointer, string Code, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"{(Pointer.Length == 0 ? "/" : Pointer)}: {Message} ({Code})";
}
