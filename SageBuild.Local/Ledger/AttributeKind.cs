namespace SageBuild.Local.Ledger;

/// <summary>The data types of DynamoDB attribute values, named by their DynamoDB JSON keys.</summary>
internal enum AttributeKind
{
    S,
    N,
    B,
    BOOL,
    NULL,
    M,
    L,
    SS,
    NS,
    BS,
}
