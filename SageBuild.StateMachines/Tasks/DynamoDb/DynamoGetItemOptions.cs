namespace SageBuild.StateMachines.Tasks.DynamoDb;

/// <summary>The options of a <see cref="DynamoGetItem"/> task.</summary>
public sealed record DynamoGetItemOptions : DynamoTableOptions
{
    /// <summary>The item's key.</summary>
    public required IReadOnlyDictionary<string, DynamoAttributeValue> Key { get; init; }

    /// <summary>Whether to read strongly consistently.</summary>
    /// <value>None by default: eventually consistent.</value>
    public bool? ConsistentRead { get; init; }

    /// <summary>The attributes to read.</summary>
    /// <value>None by default: all of them.</value>
    public string? ProjectionExpression { get; init; }
}
