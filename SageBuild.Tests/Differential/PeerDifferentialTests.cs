using SageBuild.StateMachines.Json;
using SageBuild.StateMachines.Validation;
using SageBuild.Tests.Conformance;

namespace SageBuild.Tests.Differential;

/// <summary>
/// SageBuild, npm aws-local-stepfunctions 3.0.0 and moto_server 5.2.1 run the same definitions on the same inputs:
/// 560 generated pure definitions (a seeded generator, one family of features per case) and the recorded AWS cases
/// both peers can run. They agree, or the difference is written down in peer-differences.json (generated cases, by
/// family), or (recorded cases) SageBuild's outcome is AWS's own.
/// </summary>
[TestFixture]
public sealed class PeerDifferentialTests
{
    private static readonly Lazy<IReadOnlyList<PeerDifference>> Differences = new(PeerDifference.Load);

    public static IEnumerable<TestCaseData> GeneratedCases() =>
        PeerRuns.Cases.Where(c => c.Recorded is null).Select(c => new TestCaseData(c).SetName($"Generated_{c.Id.Replace(':', '_').Replace('/', '_')}"));

    public static IEnumerable<TestCaseData> RecordedCases() =>
        PeerRuns.Cases.Where(c => c.Recorded is not null).Select(c => new TestCaseData(c).SetName($"Recorded_{c.Recorded!.Id.GetHashCode(StringComparison.Ordinal):X8}"));

    [TestCaseSource(nameof(GeneratedCases))]
    public async Task A_generated_definition_runs_alike_on_SageBuild_and_both_peers_or_the_difference_is_written_down(PeerCase c)
    {
        var outcome = (await PeerRuns.OutcomesAsync())[c.Id];
        Assert.That(outcome.SageBuild["status"], Is.Not.EqualTo((JsonValue)"REFUSED"), "SageBuild refused a generated definition");
        Assert.Multiple(() =>
        {
            Check(c, PeerRuns.AwsLocalStepFunctions, outcome.SageBuild, outcome.AwsLocalStepFunctions);
            Check(c, PeerRuns.Moto, outcome.SageBuild, outcome.Moto);
        });
    }

    [TestCaseSource(nameof(RecordedCases))]
    public async Task A_recorded_definition_runs_alike_or_SageBuild_does_what_AWS_recorded(PeerCase c)
    {
        var outcome = (await PeerRuns.OutcomesAsync())[c.Id];
        var peersDiffer = Outcomes.Difference(outcome.SageBuild, outcome.AwsLocalStepFunctions) is not null || Outcomes.Difference(outcome.SageBuild, outcome.Moto) is not null;
        if (!peersDiffer)
            return;
        // A peer disagrees: AWS's recording decides, and it must be on SageBuild's side.
        Assert.That(AwsDifference(c.Recorded!, outcome.SageBuild), Is.Null, $"{c.Recorded!.Id}: SageBuild differs from a peer and from AWS's record");
    }

    [Test]
    public void The_generator_makes_at_least_500_valid_definitions_across_every_family()
    {
        var generated = DefinitionGenerator.Generate(PeerRuns.Seed, PeerRuns.GeneratedCount);
        Assert.That(generated, Has.Count.GreaterThanOrEqualTo(500));
        Assert.Multiple(() =>
        {
            foreach (var c in generated)
                Assert.That(DefinitionValidator.Validate(c.DefinitionText), Is.Empty, $"{c.Id}: {c.DefinitionText}");
            Assert.That(DefinitionGenerator.FamilyNames.Where(f => generated.All(c => c.Family != f)), Is.Empty, "families without cases");
        });
    }

    [Test]
    public void The_same_seed_generates_the_same_definitions()
    {
        var first = DefinitionGenerator.Generate(7, 50).Select(c => c.DefinitionText + c.Input.ToJson());
        var second = DefinitionGenerator.Generate(7, 50).Select(c => c.DefinitionText + c.Input.ToJson());
        Assert.That(second, Is.EqualTo(first));
    }

    [Test]
    public async Task The_generated_definitions_end_both_ways_so_the_comparison_can_fail()
    {
        var outcomes = await PeerRuns.OutcomesAsync();
        var statuses = PeerRuns.Cases.Where(c => c.Recorded is null).Select(c => ((JsonString)outcomes[c.Id].SageBuild["status"]).Value).ToList();
        Assert.That(statuses.Count(s => s == "SUCCEEDED"), Is.GreaterThan(300));
        Assert.That(statuses.Count(s => s == "FAILED"), Is.GreaterThan(20));
    }

    [Test]
    public async Task Every_written_difference_still_happens()
    {
        var outcomes = await PeerRuns.OutcomesAsync();
        var stale = Differences.Value.Where(d => !PeerRuns.Cases.Any(c => c.Recorded is null && d.Covers(d.Peer, c.Family) && Differs(outcomes[c.Id], d.Peer)))
            .Select(d => $"{d.Peer} / {d.Family}")
            .ToList();
        Assert.That(stale, Is.Empty, "peer-differences.json lists differences that no longer happen; remove them");
    }

    [Test]
    public async Task Agreement_is_reported_by_peer()
    {
        var outcomes = await PeerRuns.OutcomesAsync();
        foreach (var peer in new[] { PeerRuns.AwsLocalStepFunctions, PeerRuns.Moto })
        {
            foreach (var group in PeerRuns.Cases.GroupBy(c => c.Recorded is null ? "generated" : "recorded"))
            {
                var differing = group.Count(c => Differs(outcomes[c.Id], peer));
                TestContext.Out.WriteLine($"{peer}: {group.Key} {group.Count() - differing}/{group.Count()} agree with SageBuild");
            }
        }

        Assert.That(PeerRuns.Cases.Count(c => c.Recorded is not null), Is.GreaterThan(200), "recorded cases both peers can run");
    }

    private static void Check(PeerCase c, string peer, JsonObject sagebuild, JsonObject theirs)
    {
        if (Outcomes.Difference(sagebuild, theirs) is not { } difference)
            return;
        var written = Differences.Value.FirstOrDefault(d => d.Covers(peer, c.Family));
        Assert.That(written, Is.Not.Null,
            $"{c.Id} ({c.Family}): SageBuild and {peer} differ and peer-differences.json does not say why: {difference}{Environment.NewLine}{c.Definition}{Environment.NewLine}input {c.Input.ToJson()}");
    }

    private static bool Differs(PeerRuns.Outcome outcome, string peer) =>
        Outcomes.Difference(outcome.SageBuild, peer == PeerRuns.Moto ? outcome.Moto : outcome.AwsLocalStepFunctions) is not null;

    private static string? AwsDifference(ConformanceCase recorded, JsonObject sagebuild)
    {
        var expected = recorded.Expected;
        var status = ((JsonString)expected["status"]).Value;
        if (status != ((JsonString)sagebuild["status"]).Value)
            return $"status {status} vs {sagebuild["status"]}";
        if (status == "SUCCEEDED" && expected.TryGetValue("output", out var output))
            return RecordedValueMatcher.Difference(output, sagebuild["output"]);
        if (status == "FAILED" && expected.TryGetValue("error", out var error))
            return RecordedValueMatcher.Difference(error, sagebuild["error"]);
        return null;
    }
}
