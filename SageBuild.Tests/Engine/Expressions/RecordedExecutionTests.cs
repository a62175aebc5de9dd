using System.Text.RegularExpressions;
using SageBuild.StateMachines.Json;
using SageBuild.Tests.Conformance;

namespace SageBuild.Tests.Engine.Expressions;

/// <summary>
/// Confirms the expression components against executions recorded on AWS: every JSONPath case made only of Pass,
/// Choice, Succeed and Fail states is run by <see cref="PassChoiceRunner"/> and must give the recorded output, or the
/// recorded error and cause. Placeholders that the recording put in place of per-run values match any value.
/// </summary>
public sealed class RecordedExecutionTests
{
    private static readonly string[] AnyValuePlaceholders = ["RandomNumberGenerated", "start-time", "entered-time", "timestamp", "date", "snf_role_arn", "sfn_role_arn"];

    /// <summary>Recorded behaviour that belongs to the engine, not to expressions; the engine's conformance run covers it.</summary>
    private static readonly Dictionary<string, string> EngineConcerns = new(StringComparer.Ordinal)
    {
        ["test_start_large_input"] = "the 256 KiB payload limit (States.DataLimitExceeded) is enforced by the engine",
    };

    public static IEnumerable<TestCaseData> PassAndChoiceCases() =>
        ConformanceCases.All
            .Where(c => c.QueryLanguage == "JSONPath" && c.Expected["status"] is JsonString { Value: "SUCCEEDED" or "FAILED" })
            .Select(c => (Case: c, Read: AslJson.Read(c.Definition)))
            .Where(x => x.Read.IsWellFormed && PassChoiceRunner.CanRun(x.Read.Definition!))
            .Where(x => !EngineConcerns.Keys.Any(k => x.Case.Id.Contains(k, StringComparison.Ordinal)))
            .Select(x => new TestCaseData(x.Case).SetName(ShortName(x.Case)));

    [Test]
    public void Hundreds_of_recorded_executions_are_covered() =>
        Assert.That(PassAndChoiceCases().Count(), Is.GreaterThan(400));

    [TestCaseSource(nameof(PassAndChoiceCases))]
    public void Gives_the_recorded_outcome(ConformanceCase recorded)
    {
        var definition = AslJson.Parse(recorded.Definition);
        var (output, error) = PassChoiceRunner.Run(definition, JsonValue.Parse(recorded.Input), isExpress: recorded.StateMachineType == "EXPRESS");
        var expected = recorded.Expected;

        if (expected["status"] is JsonString { Value: "SUCCEEDED" })
        {
            Assert.That(error, Is.Null, $"expected success, got {error}");
            Assert.That(Matches(expected["output"], output!), Is.True, $"expected {Short(expected["output"])}{Environment.NewLine}but got {Short(output)}");
            return;
        }

        Assert.That(error, Is.Not.Null, $"expected failure, got {Short(output)}");
        Assert.Multiple(() =>
        {
            Assert.That(error!.Error, Is.EqualTo(Text(expected, "error")));
            // AWS prefixes "An error occurred while executing the state 'x' (entered at the event id #n). "; the engine adds that.
            Assert.That(TextMatches(Text(expected, "cause"), error.Cause, withoutStatePrefix: true), Is.True, $"cause: {error.Cause}");
        });
    }

    private static string Short(JsonValue? value) => value?.ToJson() is not { } text ? "nothing" : text.Length > 600 ? text[..600] + "..." : text;

    private static string Text(JsonObject o, string key) => o.TryGetValue(key, out var v) && v is JsonString s ? s.Value : "";

    private static bool Matches(JsonValue expected, JsonValue actual) => (expected, actual) switch
    {
        (JsonString e, _) when AnyValuePlaceholders.Contains(e.Value) => true,
        (JsonString e, JsonString a) => TextMatches(e.Value, a.Value, withoutStatePrefix: false),
        (JsonObject e, JsonObject a) => e.Count == a.Count && e.All(p => a.TryGetValue(p.Key, out var v) && Matches(p.Value, v)),
        (JsonArray e, JsonArray a) => e.Count == a.Count && e.Zip(a).All(p => Matches(p.First, p.Second)),
        _ => expected.Equals(actual),
    };

    /// <summary>
    /// Compares text where the recording replaced per-run values by <c>&lt;...&gt;</c> placeholders. With
    /// <paramref name="withoutStatePrefix"/>, the state prefix AWS puts before runtime errors is dropped first.
    /// </summary>
    private static bool TextMatches(string expected, string actual, bool withoutStatePrefix)
    {
        if (withoutStatePrefix)
            expected = Regex.Replace(expected, @"\AAn error occurred while executing the state '[^']*' \(entered at the event id #\d+\)\. ", "");
        var pattern = string.Join(".*", Regex.Split(expected, "<[^<>]*>").Select(Regex.Escape));
        return Regex.IsMatch(actual, $"\\A{pattern}\\z", RegexOptions.Singleline);
    }

    private static string ShortName(ConformanceCase c)
    {
        var id = c.Id;
        var start = id.IndexOf("::", StringComparison.Ordinal);
        return (start >= 0 ? id[(start + 2)..] : id).Replace('.', '_');
    }
}
