namespace SageBuild.Engine.Integrations;

/// <summary>A failure of an in-process Lambda function with the error name Retry and Catch should see (its errorType).</summary>
public sealed class LambdaFunctionException : Exception
{
    public LambdaFunctionException(string errorType, string message)
        : base(message) => ErrorType = errorType ?? throw new ArgumentNullException(nameof(errorType));

    public LambdaFunctionException()
        : this("Exception", "the function failed")
    {
    }

    public LambdaFunctionException(string message)
        : this("Exception", message)
    {
    }

    public LambdaFunctionException(string message, Exception innerException)
        : base(message, innerException) => ErrorType = innerException?.GetType().Name ?? "Exception";

    /// <summary>The error name, such as <c>ModelNotReady</c>.</summary>
    public string ErrorType { get; }
}
