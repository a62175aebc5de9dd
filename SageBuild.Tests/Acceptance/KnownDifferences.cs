using System.Text.RegularExpressions;

namespace SageBuild.Tests.Acceptance;

/// <summary>
/// The table in tools/asl-validator/KNOWN-DIFFERENCES.md: each row names a mutation family or a case id in
/// backticks, SageBuild's verdict, asl-validator's verdict, whether the difference is known or pending a rule
/// that lands separately, and why.
/// </summary>
internal sealed partial record KnownDifference(string Subject, bool SageBuildValid, bool AslValidatorValid, string Status, string Reason)
{
    public static string DocumentPath => Path.Combine(AslValidatorOracle.ToolDirectory, "KNOWN-DIFFERENCES.md");

    /// <summary>Whether the row waits for a rule that another change adds (the Status starts with "pending").</summary>
    public bool IsPending => Status.StartsWith("pending", StringComparison.Ordinal);

    /// <summary>Whether the row covers <paramref name="c"/>: its family or its own id.</summary>
    public bool Covers(DifferentialCase c) => Subject == c.Family || Subject == c.Id;

    public static IReadOnlyList<KnownDifference> Load()
    {
        var rows = new List<KnownDifference>();
        foreach (var line in File.ReadLines(DocumentPath))
        {
            var match = Row().Match(line);
            if (!match.Success)
                continue;
            rows.Add(new KnownDifference(
                match.Groups["subject"].Value,
                Verdict(match.Groups["sagebuild"].Value, line),
                Verdict(match.Groups["asl"].Value, line),
                match.Groups["status"].Value.Trim(),
                match.Groups["reason"].Value.Trim()));
        }

        return rows;
    }

    private static bool Verdict(string text, string line) => text.Trim() switch
    {
        "valid" => true,
        "invalid" => false,
        _ => throw new FormatException($"a verdict is 'valid' or 'invalid', not '{text.Trim()}', in: {line}"),
    };

    [GeneratedRegex(@"^\|\s*`(?<subject>[^`]+)`\s*\|(?<sagebuild>[^|]+)\|(?<asl>[^|]+)\|(?<status>[^|]+)\|(?<reason>.+)\|\s*$")]
    private static partial Regex Row();
}
