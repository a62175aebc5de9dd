using SageBuild.StateMachines.Builders;

namespace SageBuild.StateMachines.Tasks.DynamoDb;

/// <summary>The options of a <see cref="DynamoUpdateItem"/> task.</summary>
public sealed record DynamoUpdateItemOptions : DynamoTableOptions
{
    /// <summary>The item's key.</summary>
    public required IReadOnlyDictionary<string, DynamoAttributeValue> Key { get; init; }

    /// <summary>The update, such as <c>SET #s = :s ADD builds :one</c>.</summary>
    public required Field<string> UpdateExpression { get; init; }

    /// <summary>A condition the existing item must meet.</summary>
    /// <value>None by default.</value>
    public string? ConditionExpression { get; init; }

    /// <summary>Values for placeholders in the expressions.</summary>
    /// <value>None by default.</value>
    public IReadOnlyDictionary<string, DynamoAttributeValue>? ExpressionAttributeValues { get; init; }

    /// <summary>What to return, for example UPDATED_NEW to read a counter after incrementing it.</summary>
    /// <value>None by default: nothing.</value>
    public DynamoReturnValues? ReturnValues { get; init; }
}
