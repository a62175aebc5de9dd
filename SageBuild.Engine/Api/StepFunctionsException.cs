using System.Diagnostics.CodeAnalysis;

namespace SageBuild.Engine.Api;

/// <summary>
/// An error of the Step Functions API. The host answers it as HTTP <see cref="StatusCode"/> with
/// <c>{"__type": Code, "message": Message}</c>; the client raises it from such an answer.
/// </summary>
[SuppressMessage("Design", "CA1032:Implement standard exception constructors",
    Justification = "Every Step Functions error has a code; a constructor without one would make an error no client can match.")]
public sealed class StepFunctionsException : Exception
{
    /// <summary>Creates an error answered with HTTP 400, as AWS answers every client error of this API.</summary>
    public StepFunctionsException(string code, string message)
        : this(code, message, 400)
    {
    }

    /// <summary>Creates an error with an explicit HTTP status (500 for <see cref="StepFunctionsErrorCodes.InternalFailure"/>).</summary>
    public StepFunctionsException(string code, string message, int statusCode, string? requestId = null, Exception? innerException = null)
        : base(message, innerException)
    {
        ArgumentException.ThrowIfNullOrEmpty(code);
        Code = code;
        StatusCode = statusCode;
        RequestId = requestId;
    }

    /// <summary>The error code, one of <see cref="StepFunctionsErrorCodes"/> (or a code a newer service sends).</summary>
    public string Code { get; }

    /// <summary>The HTTP status of the answer.</summary>
    /// <value>400 unless stated.</value>
    public int StatusCode { get; }

    /// <summary>The request id the server gave the failed call, when known (x-amzn-RequestId).</summary>
    public string? RequestId { get; }

    /// <inheritdoc />
    public override string ToString() => $"{Code}: {Message}";
}
