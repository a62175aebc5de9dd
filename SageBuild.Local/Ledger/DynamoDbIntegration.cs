using SageBuild.Engine.Integrations;
using SageBuild.StateMachines.Json;
using SageBuild.StateMachines.Tasks;

namespace SageBuild.Local.Ledger;

/// <summary>
/// The <c>arn:aws:states:::dynamodb:putItem</c>, <c>getItem</c> and <c>updateItem</c> tasks, answered by a
/// <see cref="LedgerStore"/>. Results carry the service response plus the SdkHttpMetadata and SdkResponseMetadata that
/// Step Functions' optimised DynamoDB integration adds.
/// </summary>
/// <remarks>
/// Errors are named as Step Functions names them for DynamoDB: <c>DynamoDB.</c> and the SDK exception's class name
/// (<c>DynamoDB.ConditionalCheckFailedException</c>, <c>DynamoDB.ResourceNotFoundException</c>). A validation error
/// has no exception class of its own in the SDK, so it surfaces as <c>DynamoDB.AmazonDynamoDBException</c>, with the
/// error code in the cause.
/// </remarks>
public sealed class DynamoDbIntegration(LedgerStore store) : IServiceIntegration
{
    private readonly LedgerStore _store = store ?? throw new ArgumentNullException(nameof(store));

    /// <inheritdoc />
    public IReadOnlyCollection<string> Keys { get; } = ["dynamodb:putItem", "dynamodb:getItem", "dynamodb:updateItem"];

    /// <inheritdoc />
    public IReadOnlyCollection<IntegrationPattern> SupportedPatterns { get; } = [IntegrationPattern.RequestResponse];

    /// <inheritdoc />
    public ValueTask<IntegrationOutcome> InvokeAsync(IntegrationRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var requestId = Guid.NewGuid().ToString();
        if (request.Parameters is not JsonObject parameters)
            return ValueTask.FromResult(Failure(DynamoDbException.Validation, "The task's parameters must be a JSON object", requestId));
        try
        {
            var response = request.Target.Action switch
            {
                "putItem" => _store.PutItem(parameters),
                "getItem" => _store.GetItem(parameters),
                "updateItem" => _store.UpdateItem(parameters),
                _ => throw new DynamoDbException(DynamoDbException.Validation, $"dynamodb:{request.Target.Action} is not supported locally"),
            };
            return ValueTask.FromResult(IntegrationOutcome.Success(response
                .With("SdkHttpMetadata", JsonObject.Create(
                    ("HttpHeaders", JsonObject.Create(("Content-Type", "application/x-amz-json-1.0"), ("x-amzn-RequestId", requestId))),
                    ("HttpStatusCode", 200)))
                .With("SdkResponseMetadata", JsonObject.Create(("RequestId", requestId)))));
        }
        catch (DynamoDbException e)
        {
            return ValueTask.FromResult(Failure(e.ErrorCode, e.Message, requestId));
        }
    }

    private static IntegrationOutcome Failure(string errorCode, string message, string requestId)
    {
        var error = errorCode == DynamoDbException.Validation ? "DynamoDB.AmazonDynamoDBException" : "DynamoDB." + errorCode;
        return IntegrationOutcome.Failure(error,
            $"{message} (Service: AmazonDynamoDBv2; Status Code: 400; Error Code: {errorCode}; Request ID: {requestId}; Proxy: null)");
    }
}
