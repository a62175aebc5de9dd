namespace SageBuild.Local.Hosting;

/// <summary>An invocation refused with a SageMaker Runtime error: its HTTP status, error code and message.</summary>
internal sealed class InvocationException(int statusCode, string errorCode, string message) : Exception(message)
{
    public int StatusCode { get; } = statusCode;

    public string ErrorCode { get; } = errorCode;
}
