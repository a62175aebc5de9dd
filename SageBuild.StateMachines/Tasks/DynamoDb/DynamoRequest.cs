using SageBuild.StateMachines.Builders;
using SageBuild.StateMachines.Iam;

namespace SageBuild.StateMachines.Tasks.DynamoDb;

/// <summary>What the DynamoDB item tasks share: their integration, common fields and table-scoped grant.</summary>
internal static class DynamoRequest
{
    public static readonly IntegrationPattern[] Supported = [IntegrationPattern.RequestResponse];

    public static string Resource(string action, DynamoTableOptions? options) => IntegrationArn.For("dynamodb", action, options?.IntegrationPattern ?? default);

    public static RequestBuilder Start(DynamoTableOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.TableName, nameof(options));
        return new RequestBuilder().Add("TableName", options.TableName);
    }

    public static RequestBuilder Finish(RequestBuilder request, DynamoTableOptions options, IReadOnlyDictionary<string, DynamoAttributeValue>? values) => request
        .Add("ExpressionAttributeNames", options.ExpressionAttributeNames is { } names
            ? TaskInput.FromObject(names.OrderBy(n => n.Key, StringComparer.Ordinal).Select(n => (n.Key, (TaskInput)n.Value)).ToArray())
            : null)
        .Add("ExpressionAttributeValues", values is null ? null : DynamoAttributeValue.ToTaskInput(values));

    public static PolicyStatement Policy(DynamoTableOptions options, string action) =>
        PolicyStatement.Allow(Arn.IsArn(options.TableName) ? options.TableName : Arn.DynamoDbTable(options.TableName), action);
}
