using System.Text.RegularExpressions;

namespace SageBuild.Engine.Api;

/// <summary>
/// A parsed Step Functions ARN. The formats and the InvalidArn messages follow AWS, so the host and the engine
/// build and check ARNs in one place.
/// </summary>
/// <param name="Partition">The partition: <c>aws</c>, <c>aws-cn</c>, <c>aws-us-gov</c>.</param>
/// <param name="Region">The region, such as <c>us-east-1</c>.</param>
/// <param name="Account">The 12-digit account id.</param>
/// <param name="ResourceType">The kind of resource.</param>
/// <param name="Resource">Everything after the resource type, such as <c>machine</c> or <c>machine:run-1</c>.</param>
public sealed partial record StepFunctionsArn(string Partition, string Region, string Account, StepFunctionsResourceType ResourceType, string Resource)
{
    private static readonly string[] ResourceTypeNames = ["stateMachine", "execution", "express", "activity", "mapRun"];

    /// <summary>The ARN of a state machine.</summary>
    public static StepFunctionsArn ForStateMachine(string region, string account, string name, string partition = "aws") =>
        new(partition, region, account, StepFunctionsResourceType.StateMachine, name);

    /// <summary>The ARN of a standard execution of the state machine <paramref name="stateMachineName"/>.</summary>
    public static StepFunctionsArn ForExecution(string region, string account, string stateMachineName, string executionName, string partition = "aws") =>
        new(partition, region, account, StepFunctionsResourceType.Execution, stateMachineName + ":" + executionName);

    /// <summary>The state machine's name: the first segment of the resource (for a map run, before the <c>/</c>).</summary>
    public string StateMachineName
    {
        get
        {
            var name = Resource.Split(':')[0];
            var slash = name.IndexOf('/', StringComparison.Ordinal);
            return ResourceType is StepFunctionsResourceType.MapRun or StepFunctionsResourceType.Execution && slash >= 0 ? name[..slash] : name;
        }
    }

    /// <summary>An execution's name (the second segment), or null for other resource types.</summary>
    public string? ExecutionName =>
        ResourceType is StepFunctionsResourceType.Execution or StepFunctionsResourceType.Express ? Resource.Split(':')[1] : null;

    /// <summary>The ARN of the state machine this ARN belongs to (itself, without a version or alias, for a state machine).</summary>
    public StepFunctionsArn StateMachineArn => this with { ResourceType = StepFunctionsResourceType.StateMachine, Resource = StateMachineName };

    /// <summary>Parses <paramref name="arn"/>, requiring one of <paramref name="allowed"/> resource types.</summary>
    /// <exception cref="StepFunctionsException">InvalidArn, worded as AWS words it.</exception>
    public static StepFunctionsArn Parse(string arn, params ReadOnlySpan<StepFunctionsResourceType> allowed)
    {
        ArgumentNullException.ThrowIfNull(arn);
        if (!arn.StartsWith("arn:", StringComparison.Ordinal))
            throw StepFunctionsErrors.InvalidArn($"Invalid ARN prefix: {arn}");
        var parts = arn.Split(':', 6);
        if (parts.Length < 6 || !PartitionPattern().IsMatch(parts[1]))
            throw StepFunctionsErrors.InvalidArn($"Invalid ARN partition: {arn}");
        if (parts[2] != "states")
            throw StepFunctionsErrors.InvalidArn($"Invalid ARN service: {arn}");
        if (!RegionPattern().IsMatch(parts[3]))
            throw StepFunctionsErrors.InvalidArn($"Invalid ARN region: {arn}");
        if (!AccountPattern().IsMatch(parts[4]))
            throw StepFunctionsErrors.InvalidArn($"Invalid ARN account: {arn}");
        var typeAndResource = parts[5].Split(':', 2);
        var typeIndex = Array.IndexOf(ResourceTypeNames, typeAndResource[0]);
        if (typeIndex < 0)
            throw StepFunctionsErrors.InvalidArn($"Invalid ARN resource type: {arn}");
        var type = (StepFunctionsResourceType)typeIndex;
        if (allowed.Length > 0 && !allowed.Contains(type))
            throw StepFunctionsErrors.InvalidArn($"Resource type not valid in this context: {typeAndResource[0].ToLowerInvariant()}");
        var resource = typeAndResource.Length == 2 ? typeAndResource[1] : string.Empty;
        if (!HasResourceShape(type, resource))
            throw StepFunctionsErrors.InvalidArn($"Invalid ARN resource: {arn}");
        return new StepFunctionsArn(parts[1], parts[3], parts[4], type, resource);
    }

    /// <summary>Parses <paramref name="arn"/> without throwing.</summary>
    public static bool TryParse(string? arn, out StepFunctionsArn? result)
    {
        result = null;
        if (arn is null)
            return false;
        try
        {
            result = Parse(arn);
            return true;
        }
        catch (StepFunctionsException)
        {
            return false;
        }
    }

    /// <summary>The ARN text.</summary>
    public override string ToString() => $"arn:{Partition}:states:{Region}:{Account}:{ResourceTypeNames[(int)ResourceType]}:{Resource}";

    private static bool HasResourceShape(StepFunctionsResourceType type, string resource)
    {
        var segments = resource.Split(':');
        if (segments.Any(string.IsNullOrEmpty))
            return false;
        return type switch
        {
            StepFunctionsResourceType.StateMachine => segments.Length is 1 or 2,
            StepFunctionsResourceType.Execution => segments.Length == 2,
            StepFunctionsResourceType.Express => segments.Length == 3,
            StepFunctionsResourceType.Activity => segments.Length == 1,
            _ => segments.Length == 2 && segments[0].Contains('/', StringComparison.Ordinal),
        };
    }

    [GeneratedRegex("^aws(-[a-z]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex PartitionPattern();

    [GeneratedRegex("^[a-z0-9-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex RegionPattern();

    [GeneratedRegex("^[0-9]{12}$", RegexOptions.CultureInvariant)]
    private static partial Regex AccountPattern();
}
