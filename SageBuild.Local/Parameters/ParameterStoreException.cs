namespace SageBuild.Local.Parameters;

/// <summary>An error of the local parameter store, with SSM's error code (<c>ParameterNotFound</c>, <c>ParameterAlreadyExists</c>, ...).</summary>
public sealed class ParameterStoreException : Exception
{
    /// <summary>SSM's code for a name with no parameter.</summary>
    public const string ParameterNotFound = "ParameterNotFound";

    /// <summary>SSM's code for a put without Overwrite on an existing name.</summary>
    public const string ParameterAlreadyExists = "ParameterAlreadyExists";

    /// <summary>SSM's code for a version or label selector that matches no version.</summary>
    public const string ParameterVersionNotFound = "ParameterVersionNotFound";

    /// <summary>SSM's code for a malformed request.</summary>
    public const string Validation = "ValidationException";

    public ParameterStoreException()
        : this(Validation, "The request is not valid")
    {
    }

    public ParameterStoreException(string message)
        : this(Validation, message)
    {
    }

    public ParameterStoreException(string message, Exception innerException)
        : base(message, innerException) => ErrorCode = Validation;

    /// <summary>Creates an error with SSM's <paramref name="errorCode"/>.</summary>
    public ParameterStoreException(string errorCode, string message)
        : base(message) => ErrorCode = errorCode;

    /// <summary>SSM's error code.</summary>
    public string ErrorCode { get; }
}
