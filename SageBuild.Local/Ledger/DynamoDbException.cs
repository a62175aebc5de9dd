namespace SageBuild.Local.Ledger;

/// <summary>
/// An error of the local DynamoDB-compatible store, with DynamoDB's own error code and message wording
/// (<c>ConditionalCheckFailedException</c> "The conditional request failed", <c>ValidationException</c> "Invalid
/// UpdateExpression: ...", <c>ResourceNotFoundException</c> "Requested resource not found").
/// </summary>
public sealed class DynamoDbException : Exception
{
    /// <summary>DynamoDB's code for a condition that evaluated to false.</summary>
    public const string ConditionalCheckFailed = "ConditionalCheckFailedException";

    /// <summary>DynamoDB's code for a malformed request or expression.</summary>
    public const string Validation = "ValidationException";

    /// <summary>DynamoDB's code for a table that does not exist.</summary>
    public const string ResourceNotFound = "ResourceNotFoundException";

    public DynamoDbException()
        : this(Validation, "The request is not valid")
    {
    }

    public DynamoDbException(string message)
        : this(Validation, message)
    {
    }

    public DynamoDbException(string message, Exception innerException)
        : base(message, innerException) => ErrorCode = Validation;

    /// <summary>Creates an error with DynamoDB's <paramref name="errorCode"/>.</summary>
    public DynamoDbException(string errorCode, string message)
        : base(message) => ErrorCode = errorCode;

    /// <summary>DynamoDB's error code, such as <see cref="ConditionalCheckFailed"/>.</summary>
    public string ErrorCode { get; }

    internal static DynamoDbException Invalid(string message) => new(Validation, message);
}
