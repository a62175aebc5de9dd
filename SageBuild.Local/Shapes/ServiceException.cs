namespace SageBuild.Local.Shapes;

/// <summary>
/// A request the local service refuses, as the AWS service would: <see cref="Code"/> is the service's error code
/// (<c>ValidationException</c>, <c>ResourceNotFound</c>, <c>ResourceInUse</c>...). The integration handlers turn it
/// into the ASL error that Step Functions would report.
/// </summary>
internal sealed class ServiceException(string code, string message) : Exception(message)
{
    public const string Validation = "ValidationException";
    public const string ResourceNotFound = "ResourceNotFound";
    public const string ResourceInUse = "ResourceInUse";
    public const string ResourceLimitExceeded = "ResourceLimitExceeded";
    public const string InvalidInput = "InvalidInputException";

    public string Code { get; } = code;

    public static ServiceException Invalid(string message) => new(Validation, message);
}
