using SageBuild.StateMachines.Tasks;

namespace SageBuild.Engine.Integrations;

/// <summary>Parses a Task's Resource into a <see cref="ResourceTarget"/>.</summary>
public static class ResourceArns
{
    /// <summary>
    /// Understands <c>arn:aws:states:::service:action[.sync|.sync:2|.waitForTaskToken]</c>,
    /// <c>arn:aws:states:::aws-sdk:service:action[...]</c>, Lambda function ARNs (<c>arn:aws:lambda:region:account:function:name[:qualifier]</c>)
    /// and activity ARNs (<c>arn:aws:states:region:account:activity:name</c>), in any partition.
    /// </summary>
    public static bool TryParse(string resource, out ResourceTarget target)
    {
        ArgumentNullException.ThrowIfNull(resource);
        target = null!;
        var parts = resource.Split(':');
        if (parts.Length < 6 || parts[0] != "arn" || parts[1].Length == 0)
            return false;
        var service = parts[2];
        if (service == "lambda" && parts.Length >= 7 && parts[5] == "function" && parts[6].Length > 0)
        {
            target = new ResourceTarget("lambda", "invoke", IntegrationPattern.RequestResponse, FunctionArn: resource);
            return true;
        }

        if (service != "states")
            return false;
        if (parts[5] == "activity" && parts.Length == 7 && parts[6].Length > 0)
        {
            target = new ResourceTarget("activity", parts[6], IntegrationPattern.RequestResponse, ActivityArn: resource);
            return true;
        }

        // arn:aws:states:::service:action... — everything after the fifth colon is "service:action[.suffix]".
        var rest = string.Join(':', parts, 5, parts.Length - 5);
        var pattern = IntegrationPattern.RequestResponse;
        foreach (var (suffix, kind) in Suffixes)
        {
            if (rest.EndsWith(suffix, StringComparison.Ordinal))
            {
                pattern = kind;
                rest = rest[..^suffix.Length];
                break;
            }
        }

        var colon = rest.LastIndexOf(':');
        if (colon <= 0 || colon == rest.Length - 1)
            return false;
        target = new ResourceTarget(rest[..colon], rest[(colon + 1)..], pattern);
        return true;
    }

    /// <summary>Parses <paramref name="resource"/>; throws <see cref="FormatException"/> naming it when it is no Task resource.</summary>
    public static ResourceTarget Parse(string resource) =>
        TryParse(resource, out var target) ? target : throw new FormatException($"'{resource}' is not a Task resource: expected arn:aws:states:::service:action[.sync|.waitForTaskToken], a Lambda function ARN or an activity ARN");

    /// <summary>The suffix the Resource has for <paramref name="pattern"/>.</summary>
    public static string Suffix(IntegrationPattern pattern) => pattern switch
    {
        IntegrationPattern.RunJob => ".sync",
        IntegrationPattern.WaitForTaskToken => ".waitForTaskToken",
        _ => "",
    };

    private static readonly (string Suffix, IntegrationPattern Pattern)[] Suffixes =
    [
        (".sync:2", IntegrationPattern.RunJob),
        (".sync", IntegrationPattern.RunJob),
        (".waitForTaskToken", IntegrationPattern.WaitForTaskToken),
    ];
}
