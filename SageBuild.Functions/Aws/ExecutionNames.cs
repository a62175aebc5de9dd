using System.Text;

namespace SageBuild.Functions.Aws;

/// <summary>
/// Execution names derived from what triggered them (an SNS message id, an EventBridge event id, a GitHub delivery):
/// the same trigger delivered twice names the same execution, so it starts one build, not two. Step Functions allows
/// 1 to 80 characters of letters, digits, <c>-</c> and <c>_</c> (for CloudWatch metrics).
/// </summary>
public static class ExecutionNames
{
    /// <summary>The longest execution name Step Functions accepts.</summary>
    public const int MaxLength = 80;

    /// <summary><c>{kind}-{id}</c>, any other character replaced by <c>-</c>, at most 80 characters.</summary>
    public static string For(string kind, string id)
    {
        ArgumentException.ThrowIfNullOrEmpty(kind);
        ArgumentException.ThrowIfNullOrEmpty(id);
        var name = new StringBuilder(kind.Length + 1 + id.Length);
        foreach (var c in $"{kind}-{id}")
            name.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '-');
        return name.Length <= MaxLength ? name.ToString() : name.ToString(0, MaxLength);
    }

    /// <summary>The ARN of the execution <paramref name="name"/> of <paramref name="stateMachineArn"/>.</summary>
    public static string ExecutionArn(string stateMachineArn, string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(stateMachineArn);
        const string Marker = ":stateMachine:";
        var at = stateMachineArn.IndexOf(Marker, StringComparison.Ordinal);
        if (at < 0)
            throw new ArgumentException($"'{stateMachineArn}' is not a state machine ARN", nameof(stateMachineArn));
        return $"{stateMachineArn[..at]}:execution:{stateMachineArn[(at + Marker.Length)..]}:{name}";
    }
}
