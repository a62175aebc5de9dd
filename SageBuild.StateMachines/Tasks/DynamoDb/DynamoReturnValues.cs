namespace SageBuild.StateMachines.Tasks.DynamoDb;

/// <summary>Which item attributes a write returns; named as DynamoDB spells them.</summary>
#pragma warning disable CA1707 // DynamoDB's own spelling
public enum DynamoReturnValues
{
    /// <summary>Nothing.</summary>
    NONE,

    /// <summary>The whole item before the write.</summary>
    ALL_OLD,

    /// <summary>The updated attributes before the write.</summary>
    UPDATED_OLD,

    /// <summary>The whole item after the write.</summary>
    ALL_NEW,

    /// <summary>The updated attributes after the write.</summary>
    UPDATED_NEW,
}
#pragma warning restore CA1707
