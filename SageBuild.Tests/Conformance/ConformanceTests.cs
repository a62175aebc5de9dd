
namespace SageBuild.Tests.Conformance;

/// <summary>
/// Runs every case recorded (JSONPath, JSONata and mixed) against AWS on the engine, with the virtual clock, and compares status, output,
/// error and cause, and (for history cases) the events. A case listed in known-differences.json must still differ:
/// when it starts to pass, take it off the list.
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.Children)]
public sealed class ConformanceTests
{
    public static IEnumerable<TestCaseData> JsonPathCases() =>
        ConformanceCases.All.Where(c => c.QueryLanguage == "JSONPath" && !KnownDifferences.Contains(c.Id)).Select(c => new TestCaseData(c).SetName(Name(c)));

    public static IEnumerable<TestCaseData> JsonataCases() =>
        ConformanceCases.All.Where(c => c.QueryLanguage is "JSONata" or "mixed" && !KnownDifferences.Contains(c.Id)).Select(c => new TestCaseData(c).SetName(Name(c)));

    public static IEnumerable<TestCaseData> KnownDifferenceCases() =>
        ConformanceCases.All.Where(c => KnownDifferences.Contains(c.Id)).Select(c => new TestCaseData(c).SetName(Name(c)));

    [TestCaseSource(nameof(JsonPathCases))]
    public async Task A_recorded_JSONPath_execution_ends_as_it_did_on_AWS(ConformanceCase recorded)
    {
        var difference = await ConformanceRunner.DifferenceAsync(recorded);
        Assert.That(difference, Is.Null, $"{recorded.Id}{Environment.NewLine}{recorded.Definition}");
    }

    [TestCaseSource(nameof(JsonataCases))]
    public async Task A_recorded_JSONata_or_mixed_execution_ends_as_it_did_on_AWS(ConformanceCase recorded)
    {
        var difference = await ConformanceRunner.DifferenceAsync(recorded);
        Assert.That(difference, Is.Null, $"{recorded.Id}{Environment.NewLine}{recorded.Definition}");
    }

    [TestCaseSource(nameof(KnownDifferenceCases))]
    public async Task A_known_difference_still_differs(ConformanceCase recorded)
    {
        var difference = await ConformanceRunner.DifferenceAsync(recorded);
        Assert.That(difference, Is.Not.Null, $"{recorded.Id} now passes: remove it from Conformance/known-differences.json");
    }

    [Test]
    public void Every_known_difference_names_a_recorded_case_and_a_reason()
    {
        var ids = ConformanceCases.All.Select(c => c.Id).ToHashSet();
        Assert.Multiple(() =>
        {
            foreach (var (id, reason) in KnownDifferences.All)
            {
                Assert.That(ids, Does.Contain(id), "known-differences.json names a case that is not in the corpus");
                Assert.That(reason, Has.Length.GreaterThan(20), $"{id}: the reason must say why, with the AWS documentation or record behind it");
            }
        });
    }

    private static string Name(ConformanceCase c)
    {
        var id = c.Id.Replace("tests/aws/services/stepfunctions/v2/", "", StringComparison.Ordinal);
        return new string(id.Select(ch => char.IsLetterOrDigit(ch) || ch is '_' or '-' or '.' ? ch : '_').ToArray());
    }
}
