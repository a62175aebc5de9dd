using SageBuild.StateMachines.Validation;
using SageBuild.Tests.Conformance;

namespace SageBuild.Tests.Acceptance;

/// <summary>
/// SageBuild's validator and npm asl-validator 4.0.0 give the same verdict on the recorded definitions and on
/// hundreds of mutations of them, except where tools/asl-validator/KNOWN-DIFFERENCES.md says why they differ.
/// </summary>
public sealed class AslValidatorDifferentialTests
{
    private static readonly Lazy<IReadOnlyList<DifferentialCase>> AllCases = new(BuildCases);
    private static readonly Lazy<Dictionary<string, bool>> Oracle = new(() => AslValidatorOracle.Validate(AllCases.Value.Select(c => c.Definition)));
    private static readonly Lazy<IReadOnlyList<KnownDifference>> Differences = new(KnownDifference.Load);

    private static IEnumerable<DifferentialCase> Cases() => AllCases.Value;

    [TestCaseSource(nameof(Cases))]
    public void Verdicts_agree_or_the_difference_is_written_down(DifferentialCase c)
    {
        var errors = DefinitionValidator.Validate(c.Definition);
        var sagebuildValid = errors.Count == 0;
        var aslValidatorValid = Oracle.Value[c.Definition];
        if (sagebuildValid == aslValidatorValid)
            return;

        var known = Differences.Value.FirstOrDefault(d => d.Covers(c));
        Assert.That(known, Is.Not.Null,
            $"SageBuild says {Verdict(sagebuildValid)}, asl-validator says {Verdict(aslValidatorValid)}, and KNOWN-DIFFERENCES.md does not explain it." +
            $"{Environment.NewLine}SageBuild's errors: {string.Join("; ", errors)}{Environment.NewLine}{c.Definition}");
        Assert.That(sagebuildValid, Is.EqualTo(known!.SageBuildValid),
            $"KNOWN-DIFFERENCES.md says SageBuild finds `{known.Subject}` {Verdict(known.SageBuildValid)}; errors: {string.Join("; ", errors)}");
    }

    [Test]
    public void Covers_at_least_300_definitions_both_valid_and_invalid()
    {
        var verdicts = AllCases.Value.Select(c => DefinitionValidator.Validate(c.Definition).Count == 0).ToList();
        Assert.That(verdicts, Has.Count.GreaterThanOrEqualTo(300));
        Assert.That(verdicts.Count(v => v), Is.GreaterThanOrEqualTo(100), "valid definitions");
        Assert.That(verdicts.Count(v => !v), Is.GreaterThanOrEqualTo(100), "invalid definitions");
    }

    [Test]
    public void Every_mutation_family_yields_cases() =>
        Assert.That(Mutations.FamilyNames.Where(f => AllCases.Value.All(c => c.Family != f)), Is.Empty, "families that found no seed to edit");

    [Test]
    public void Every_written_difference_still_happens()
    {
        // A row whose cases all agree now is stale: a pending rule has landed, or asl-validator changed. Keep the document true.
        var stale = Differences.Value
            .Where(d => !AllCases.Value.Any(c => d.Covers(c) && (DefinitionValidator.Validate(c.Definition).Count == 0) != Oracle.Value[c.Definition]))
            .Select(d => $"`{d.Subject}` ({d.Status})")
            .ToList();
        Assert.That(stale, Is.Empty, "KNOWN-DIFFERENCES.md lists differences that no longer happen; remove these rows");
    }

    private static string Verdict(bool valid) => valid ? "valid" : "invalid";

    private static List<DifferentialCase> BuildCases()
    {
        var seeds = ConformanceCases.All.DistinctBy(c => c.Definition).Select(c => (c.Id, c.Definition)).ToList();
        var cases = seeds.Select(s => new DifferentialCase($"corpus <- {s.Id}", "corpus", s.Definition)).ToList();
        cases.AddRange(Mutations.Generate(seeds));
        return cases;
    }
}
