namespace SageBuild.StateMachines.Tasks.DynamoDb;

/// <summary>The options of a <see cref="DynamoPutItem"/> task.</summary>
public sealed record DynamoPutItemOptions : DynamoTableOptions
{
    /// <summary>The item, by attribute name.</summary>
    public required IReadOnlyDictionary<string, DynamoAttributeValue> Item { get; init; }

    /// <summary>A condition the existing item must meet, such as <c>attribute_not_exists(pk)</c>.</summary>
    /// <value>None by default.</value>
    public string? ConditionExpression { get; init; }

    /// <summary>Values for placeholders in <see cref="ConditionExpression"/>.</summary>
    /// <value>None by default.</value>
    public IReadOnlyDictionary<string, DynamoAttributeValue>? ExpressionAttributeValues { get; init; }

    /// <summary>What to return.</summary>
    /// <value>None by default: nothing.</value>
    public DynamoReturnValues? ReturnValues { get; init; }
}
