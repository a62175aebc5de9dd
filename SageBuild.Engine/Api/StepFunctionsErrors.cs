using System.Text.Json;
using SageBuild.StateMachines.Validation;

namespace SageBuild.Engine.Api;

/// <summary>
/// The errors of the Step Functions API with AWS's wording, so the host and the engine say the same thing the same way
/// (<c>State Machine Does Not Exist: 'arn:…'</c>).
/// </summary>
public static class StepFunctionsErrors
{
    /// <summary>An ARN that does not parse or names the wrong kind of resource; <paramref name="detail"/> says which.</summary>
    public static StepFunctionsException InvalidArn(string detail) =>
        new(StepFunctionsErrorCodes.InvalidArn, $"Invalid Arn: '{detail}'");

    /// <summary>A state machine or execution name that breaks AWS's rules (see <see cref="StepFunctionsNames"/>).</summary>
    public static StepFunctionsException InvalidName(string name) =>
        new(StepFunctionsErrorCodes.InvalidName, $"Invalid Name: '{name}'");

    /// <summary>A definition with problems, each as <c>CODE: message at /pointer</c>.</summary>
    public static StepFunctionsException InvalidDefinition(IEnumerable<DefinitionError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var problems = errors.Select(e => $"{e.Code}: {e.Message} at {(e.Pointer.Length == 0 ? "/" : e.Pointer)}");
        return new(StepFunctionsErrorCodes.InvalidDefinition, $"Invalid State Machine Definition: '{string.Join(", ", problems)}'");
    }

    /// <summary>An execution input that is not JSON; <paramref name="detail"/> says why.</summary>
    public static StepFunctionsException InvalidExecutionInput(string detail) =>
        new(StepFunctionsErrorCodes.InvalidExecutionInput, $"Invalid State Machine Execution Input: '{detail}'");

    /// <summary>No state machine has <paramref name="arn"/>.</summary>
    public static StepFunctionsException StateMachineDoesNotExist(string arn) =>
        new(StepFunctionsErrorCodes.StateMachineDoesNotExist, $"State Machine Does Not Exist: '{arn}'");

    /// <summary>A state machine of that name exists with another definition or configuration.</summary>
    public static StepFunctionsException StateMachineAlreadyExists(string arn) =>
        new(StepFunctionsErrorCodes.StateMachineAlreadyExists, $"State Machine Already Exists: '{arn}'");

    /// <summary>No execution has <paramref name="arn"/>.</summary>
    public static StepFunctionsException ExecutionDoesNotExist(string arn) =>
        new(StepFunctionsErrorCodes.ExecutionDoesNotExist, $"Execution Does Not Exist: '{arn}'");

    /// <summary>An execution of that name exists and is closed, or runs with another input.</summary>
    public static StepFunctionsException ExecutionAlreadyExists(string arn) =>
        new(StepFunctionsErrorCodes.ExecutionAlreadyExists, $"Execution Already Exists: '{arn}'");

    /// <summary>StartSyncExecution on a STANDARD machine, or a call a machine's type does not allow.</summary>
    public static StepFunctionsException StateMachineTypeNotSupported() =>
        new(StepFunctionsErrorCodes.StateMachineTypeNotSupported, "This operation is not supported by this type of state machine");

    /// <summary>UpdateStateMachine with nothing to update.</summary>
    public static StepFunctionsException NothingToUpdate() =>
        new(StepFunctionsErrorCodes.MissingRequiredParameter,
            "Either the definition, the role ARN, the LoggingConfiguration, or the TracingConfiguration must be specified");

    /// <summary>No resource to tag has <paramref name="arn"/>.</summary>
    public static StepFunctionsException ResourceNotFound(string arn) =>
        new(StepFunctionsErrorCodes.ResourceNotFound, $"Resource not found: '{arn}'");

    /// <summary>A task token that does not decode.</summary>
    public static StepFunctionsException InvalidToken(string detail) =>
        new(StepFunctionsErrorCodes.InvalidToken, $"Invalid Token: '{detail}'");

    /// <summary>A target that names no operation this API has.</summary>
    public static StepFunctionsException UnknownOperation() =>
        new(StepFunctionsErrorCodes.UnknownOperationException, "The requested operation is not recognized by the service.");

    /// <summary>A body that is not JSON, or a member of the wrong JSON type.</summary>
    public static StepFunctionsException Serialization(JsonException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var where = exception.Path is { Length: > 2 } path && path.StartsWith("$.", StringComparison.Ordinal)
            ? $" at '{path[2..]}'"
            : exception.LineNumber is { } line ? $" at line {line + 1}, position {exception.BytePositionInLine + 1}" : string.Empty;
        // The serializer's own messages name .NET types; callers of an AWS API should read AWS's words instead.
        var what = exception.Message.Contains("can not be converted", StringComparison.Ordinal)
            ? exception.Message.Split(". Path:", 2)[0]
            : exception.Path is { Length: > 2 } ? "Unexpected JSON value" : "Malformed JSON";
        return new(StepFunctionsErrorCodes.SerializationException, what + where);
    }
}
