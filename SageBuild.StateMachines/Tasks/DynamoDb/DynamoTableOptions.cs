namespace SageBuild.StateMachines.Tasks.DynamoDb;

/// <summary>What every DynamoDB item task shares: the table and expression attribute names.</summary>
public abstract record DynamoTableOptions : TaskStateOptions
{
    /// <summary>The table's name; the IAM grant is scoped to it.</summary>
    public required string TableName { get; init; }

    /// <summary>Placeholders for attribute names in expressions, such as <c>{"#s": "status"}</c>.</summary>
    /// <value>None by default.</value>
    public IReadOnlyDictionary<string, string>? ExpressionAttributeNames { get; init; }
}
