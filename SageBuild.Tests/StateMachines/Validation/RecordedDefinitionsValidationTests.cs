using SageBuild.StateMachines.Validation;
using SageBuild.Tests.Conformance;

namespace SageBuild.Tests.StateMachines.Validation;

/// <summary>Real AWS accepted every recorded definition, so the validator must accept each one too.</summary>
public sealed class RecordedDefinitionsValidationTests
{
    private static IEnumerable<ConformanceCase> Cases() => ConformanceCases.All.DistinctBy(c => c.Definition);

    [TestCaseSource(nameof(Cases))]
    public void Every_definition_AWS_ran_is_valid(ConformanceCase c) =>
        Assert.That(DefinitionValidator.Validate(c.Definition), Is.Empty);
}
