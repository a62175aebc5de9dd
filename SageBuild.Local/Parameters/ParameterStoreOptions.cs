namespace SageBuild.Local.Parameters;

/// <summary>Where the local parameter store keeps its versions, and the identity it reports in ARNs.</summary>
public sealed record ParameterStoreOptions
{
    /// <summary>The SQLite file; created with its folder when missing, readable by its owner only.</summary>
    public required string DatabasePath { get; init; }

    /// <summary>The region in parameter ARNs. <value>Default: <c>us-east-1</c>.</value></summary>
    public string Region { get; init; } = "us-east-1";

    /// <summary>The account in parameter ARNs. <value>Default: <c>000000000000</c>, the local stand-in account.</value></summary>
    public string AccountId { get; init; } = "000000000000";

    /// <summary>The file name of the store inside a project's data folder.</summary>
    public const string DefaultFileName = "parameters.db";

    /// <summary>The options for the store in <paramref name="dataDirectory"/> (a project's <c>.sagebuild</c> folder).</summary>
    public static ParameterStoreOptions InDirectory(string dataDirectory) => new() { DatabasePath = Path.Combine(dataDirectory, DefaultFileName) };
}
