using SageBuild.Engine.Expressions;
using SageBuild.StateMachines.Json;
using SageBuild.StateMachines.Model;

namespace SageBuild.Tests.Engine.Expressions;

public sealed class InputOutputPathTests
{
    [Test]
    public void Absent_passes_through_null_gives_an_empty_object_and_a_path_selects()
    {
        var scope = new TestScope("""{"a":{"b":[1,2]}}""");

        Assert.Multiple(() =>
        {
            Assert.That(InputOutputPath.Compile(null).Apply(scope), Is.SameAs(scope.Input));
            Assert.That(InputOutputPath.Compile(NullablePath.Of("$")).Apply(scope), Is.SameAs(scope.Input));
            Assert.That(InputOutputPath.Compile(NullablePath.Null).Apply(scope), Is.EqualTo(JsonObject.Empty));
            Assert.That(InputOutputPath.Compile(NullablePath.Of("$.a.b")).Apply(scope), Is.EqualTo(JsonValue.Parse("[1,2]")));
            Assert.That(InputOutputPath.Compile(NullablePath.Of("$.a.b[?(@ > 1)]")).Apply(scope), Is.EqualTo(JsonValue.Parse("[2]")));
        });
    }

    [Test]
    public void A_path_that_finds_nothing_fails_as_AWS_fails_InputPath()
    {
        var path = InputOutputPath.Compile(NullablePath.Of("$.NoSuchInputPath"));

        var error = Assert.Throws<StatesErrorException>(() => path.Apply(new TestScope("""{"int-literal": 0}""")))!;

        Assert.That(error.Error, Is.EqualTo(new StatesError("States.Runtime", "Invalid path '$.NoSuchInputPath' : No results for path: $['NoSuchInputPath']")));
    }
}
