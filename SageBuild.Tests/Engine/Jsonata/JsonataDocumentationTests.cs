using SageBuild.Engine.Jsonata;
using SageBuild.StateMachines.Json;

namespace SageBuild.Tests.Engine.Jsonata;

/// <summary>Every example in the JSONata documentation gives its documented result.</summary>
public sealed class JsonataDocumentationTests
{
    private static readonly JsonataBindings Standard = new() { Dialect = JsonataDialect.Standard };

    private static IEnumerable<JsonataDocExample> Examples() => JsonataDocExamples.All;

    [TestCaseSource(nameof(Examples))]
    public void The_documented_example_gives_the_documented_result(JsonataDocExample example)
    {
        var result = JsonataExpression.Compile(example.Expression).Evaluate(example.Input, Standard);

        if (example.Expected is null)
        {
            Assert.That(result, Is.Null, "the documentation says this returns nothing");
        }
        else if (example.IsApproximate)
        {
            // The documentation rounds some results; numbers must agree to 12 significant digits.
            Assert.That(result, Is.Not.Null);
            Assert.That(ApproximatelyEqual(result!, example.Expected), Is.True, $"{result!.ToJson()} is not approximately {example.Expected.ToJson()}");
        }
        else
        {
            Assert.That(result?.ToJson(), Is.EqualTo(example.Expected.ToJson()));
        }
    }

    private static bool ApproximatelyEqual(JsonValue actual, JsonValue expected) => (actual, expected) switch
    {
        (JsonNumber a, JsonNumber e) => Math.Abs(a.Value - e.Value) <= Math.Abs(e.Value) * 1e-12,
        (JsonArray a, JsonArray e) => a.Count == e.Count && a.Zip(e).All(p => ApproximatelyEqual(p.First, p.Second)),
        (JsonObject a, JsonObject e) => a.Count == e.Count && e.All(p => a.TryGetValue(p.Key, out var v) && ApproximatelyEqual(v, p.Value)),
        _ => actual.Equals(expected),
    };
}
