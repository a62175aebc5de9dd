namespace SageBuild.Engine.Api;

/// <summary>
/// A refused engine call, with the error code Step Functions' API gives for it (ExecutionDoesNotExist,
/// StateMachineDoesNotExist, ExecutionAlreadyExists, TaskDoesNotExist, InvalidName, InvalidExecutionInput, InvalidDefinition, ...).
/// </summary>
public sealed class StepFunctionsException : Exception
{
    public StepFunctionsException(string errorCode, string message)
        : base(message) => ErrorCode = errorCode ?? throw new ArgumentNullException(nameof(errorCode));

    public StepFunctionsException()
        : this("ValidationException", "the request is invalid")
    {
    }

    public StepFunctionsException(string message)
        : this("ValidationException", message)
    {
    }

    public StepFunctionsException(string message, Exception innerException)
        : base(message, innerException) => ErrorCode = "ValidationException";

    /// <summary>The API error code, as in the <c>__type</c> of an error response.</summary>
    public string ErrorCode { get; }
}
