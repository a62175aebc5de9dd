using SageBuild.StateMachines.Json;
using SageBuild.Tests.Conformance;

namespace SageBuild.Tests.StateMachines.Json;

public sealed class AslRoundTripTests
{
    private static IEnumerable<ConformanceCase> Cases() => ConformanceCases.All;

    [TestCaseSource(nameof(Cases))]
    public void Every_recorded_definition_reads_writes_and_reads_back_to_the_same_model(ConformanceCase c)
    {
        var first = AslJson.Read(c.Definition);
        Assert.That(first.Errors, Is.Empty, "the recorded definition has schema errors");

        var written = AslJson.Write(first.Definition!);
        var second = AslJson.Parse(written);

        Assert.That(second, Is.EqualTo(first.Definition));
        Assert.That(AslJson.Write(second), Is.EqualTo(written), "writing is not deterministic");
    }

    [TestCaseSource(nameof(Cases))]
    public void Writing_keeps_every_field_of_the_recorded_definition(ConformanceCase c)
    {
        var original = JsonValue.Parse(c.Definition);
        var written = JsonValue.Parse(AslJson.Write(AslJson.Parse(c.Definition)));
        Assert.That(written, Is.EqualTo(original));
    }
}
