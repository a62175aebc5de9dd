namespace SageBuild.StateMachines.Iam;

/// <summary>
/// The values that fill the tokens of ARNs built by <see cref="Arn"/>. The builders know no account or region, so
/// the ARNs they derive hold <see cref="PartitionToken"/>, <see cref="RegionToken"/>, <see cref="AccountToken"/> and
/// <see cref="StateMachineNameToken"/>. SageBuild.Infra resolves them with real values or with its own
/// interpolations (for a Pulumi YAML program, for example <c>${region}</c> bound to <c>aws:getRegion</c>).
/// </summary>
public sealed record ArnContext
{
    /// <summary>The AWS partition placeholder.</summary>
    public const string PartitionToken = "${AWS::Partition}";

    /// <summary>The region placeholder.</summary>
    public const string RegionToken = "${AWS::Region}";

    /// <summary>The account id placeholder.</summary>
    public const string AccountToken = "${AWS::AccountId}";

    /// <summary>The placeholder for the physical name of the state machine that holds the tasks.</summary>
    public const string StateMachineNameToken = "${SageBuild::StateMachineName}";

    /// <summary>The partition, such as <c>aws</c>.</summary>
    /// <value>Defaults to <c>aws</c>.</value>
    public string Partition { get; init; } = "aws";

    /// <summary>The region, such as <c>eu-west-1</c>.</summary>
    public required string Region { get; init; }

    /// <summary>The account id.</summary>
    public required string Account { get; init; }

    /// <summary>The deployed state machine's name; null keeps the name given to <c>StateMachine.Define</c>.</summary>
    public string? StateMachineName { get; init; }

    /// <summary><paramref name="arn"/> with every token replaced.</summary>
    public string Resolve(string arn)
    {
        ArgumentNullException.ThrowIfNull(arn);
        var resolved = arn.Replace(PartitionToken, Partition, StringComparison.Ordinal)
            .Replace(RegionToken, Region, StringComparison.Ordinal)
            .Replace(AccountToken, Account, StringComparison.Ordinal);
        return StateMachineName is null ? resolved : resolved.Replace(StateMachineNameToken, StateMachineName, StringComparison.Ordinal);
    }
}
