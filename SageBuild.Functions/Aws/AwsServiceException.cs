namespace SageBuild.Functions.Aws;

/// <summary>An AWS service refused a call: its error code (such as <c>ExecutionAlreadyExists</c>) and message.</summary>
public sealed class AwsServiceException : Exception
{
    /// <summary>An error answer of <paramref name="operation"/>.</summary>
    public AwsServiceException(string operation, string code, string message, int statusCode, string? requestId = null, Exception? innerException = null)
        : base($"{operation}: {code}: {message}", innerException)
    {
        Operation = operation;
        Code = code;
        StatusCode = statusCode;
        RequestId = requestId;
    }

    /// <summary>An error with a message only.</summary>
    public AwsServiceException()
        : this("call", "Unknown", "the call failed", 0)
    {
    }

    /// <summary>An error with a message only.</summary>
    public AwsServiceException(string message)
        : this("call", "Unknown", message, 0)
    {
    }

    /// <summary>An error with a message and its cause.</summary>
    public AwsServiceException(string message, Exception innerException)
        : this("call", "Unknown", message, 0, null, innerException)
    {
    }

    /// <summary>The operation that failed, such as <c>AWSStepFunctions.StartExecution</c>.</summary>
    public string Operation { get; }

    /// <summary>The service's error code without its namespace, such as <c>ExecutionAlreadyExists</c> or <c>AccessDeniedException</c>.</summary>
    public string Code { get; }

    /// <summary>The HTTP status of the answer (0 when there was none).</summary>
    public int StatusCode { get; }

    /// <summary>AWS's request id, for support cases.</summary>
    public string? RequestId { get; }

    /// <summary>Whether trying again later may succeed: throttling and server-side failures.</summary>
    public bool IsTransient => StatusCode >= 500 || Code is "ThrottlingException" or "Throttling" or "TooManyRequestsException" or "RequestLimitExceeded" or "ServiceUnavailable";
}
