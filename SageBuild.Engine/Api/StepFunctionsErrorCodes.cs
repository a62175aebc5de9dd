namespace SageBuild.Engine.Api;

/// <summary>
/// The error codes of the Step Functions API (the <c>__type</c> of an error response), spelled as AWS spells them:
/// the service's own errors from its model, and the protocol's errors that any AWS JSON service returns.
/// </summary>
public static class StepFunctionsErrorCodes
{
    // The service's errors, from botocore's model of the operations SageBuild serves.
    public const string ConflictException = nameof(ConflictException);
    public const string ExecutionAlreadyExists = nameof(ExecutionAlreadyExists);
    public const string ExecutionDoesNotExist = nameof(ExecutionDoesNotExist);
    public const string ExecutionLimitExceeded = nameof(ExecutionLimitExceeded);
    public const string ExecutionNotRedrivable = nameof(ExecutionNotRedrivable);
    public const string InvalidArn = nameof(InvalidArn);
    public const string InvalidDefinition = nameof(InvalidDefinition);
    public const string InvalidEncryptionConfiguration = nameof(InvalidEncryptionConfiguration);
    public const string InvalidExecutionInput = nameof(InvalidExecutionInput);
    public const string InvalidLoggingConfiguration = nameof(InvalidLoggingConfiguration);
    public const string InvalidName = nameof(InvalidName);
    public const string InvalidOutput = nameof(InvalidOutput);
    public const string InvalidToken = nameof(InvalidToken);
    public const string InvalidTracingConfiguration = nameof(InvalidTracingConfiguration);
    public const string KmsAccessDeniedException = nameof(KmsAccessDeniedException);
    public const string KmsInvalidStateException = nameof(KmsInvalidStateException);
    public const string KmsThrottlingException = nameof(KmsThrottlingException);
    public const string MissingRequiredParameter = nameof(MissingRequiredParameter);
    public const string ResourceNotFound = nameof(ResourceNotFound);
    public const string ServiceQuotaExceededException = nameof(ServiceQuotaExceededException);
    public const string StateMachineAlreadyExists = nameof(StateMachineAlreadyExists);
    public const string StateMachineDeleting = nameof(StateMachineDeleting);
    public const string StateMachineDoesNotExist = nameof(StateMachineDoesNotExist);
    public const string StateMachineLimitExceeded = nameof(StateMachineLimitExceeded);
    public const string StateMachineTypeNotSupported = nameof(StateMachineTypeNotSupported);
    public const string TaskDoesNotExist = nameof(TaskDoesNotExist);
    public const string TaskTimedOut = nameof(TaskTimedOut);
    public const string TooManyTags = nameof(TooManyTags);
    public const string ValidationException = nameof(ValidationException);

    // The protocol's errors, common to AWS JSON services.
    public const string UnknownOperationException = nameof(UnknownOperationException);
    public const string SerializationException = nameof(SerializationException);
    public const string MissingAuthenticationTokenException = nameof(MissingAuthenticationTokenException);
    public const string IncompleteSignatureException = nameof(IncompleteSignatureException);
    public const string InvalidSignatureException = nameof(InvalidSignatureException);
    public const string UnrecognizedClientException = nameof(UnrecognizedClientException);
    public const string AccessDeniedException = nameof(AccessDeniedException);
    public const string ThrottlingException = nameof(ThrottlingException);

    /// <summary>An unexpected failure on the server (HTTP 500).</summary>
    public const string InternalFailure = nameof(InternalFailure);
}
