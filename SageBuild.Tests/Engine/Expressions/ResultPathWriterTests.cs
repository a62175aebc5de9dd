using SageBuild.Engine.Expressions;
using SageBuild.StateMachines.Json;
using SageBuild.StateMachines.Model;

namespace SageBuild.Tests.Engine.Expressions;

public sealed class ResultPathWriterTests
{
    private const string Input = """{"comment":"This is a test","details":{"who":"Step Functions"},"list":[{"a":1},{"a":2}],"n":5}""";

    [TestCase("$", "\"RESULT\"")]
    [TestCase("$.taskresult", """{"comment":"This is a test","details":{"who":"Step Functions"},"list":[{"a":1},{"a":2}],"n":5,"taskresult":"RESULT"}""")]
    [TestCase("$.comment", """{"comment":"RESULT","details":{"who":"Step Functions"},"list":[{"a":1},{"a":2}],"n":5}""")]
    [TestCase("$.details.result", """{"comment":"This is a test","details":{"who":"Step Functions","result":"RESULT"},"list":[{"a":1},{"a":2}],"n":5}""")]
    [TestCase("$.new.deep.result", """{"comment":"This is a test","details":{"who":"Step Functions"},"list":[{"a":1},{"a":2}],"n":5,"new":{"deep":{"result":"RESULT"}}}""")]
    [TestCase("$.list[1].b", """{"comment":"This is a test","details":{"who":"Step Functions"},"list":[{"a":1},{"a":2,"b":"RESULT"}],"n":5}""")]
    [TestCase("$.list[-2]", """{"comment":"This is a test","details":{"who":"Step Functions"},"list":["RESULT",{"a":2}],"n":5}""")]
    [TestCase("$['odd key']", """{"comment":"This is a test","details":{"who":"Step Functions"},"list":[{"a":1},{"a":2}],"n":5,"odd key":"RESULT"}""")]
    public void Places_the_result_at_the_path_creating_objects_on_the_way(string path, string expected)
    {
        var input = JsonValue.Parse(Input);

        var output = ResultPathWriter.Apply(input, NullablePath.Of(path), JsonValue.FromString("RESULT"));

        Assert.Multiple(() =>
        {
            Assert.That(output.ToJson(), Is.EqualTo(JsonValue.Parse(expected).ToJson()), "the new key is appended, the order of the others kept");
            Assert.That(input.ToJson(), Is.EqualTo(JsonValue.Parse(Input).ToJson()), "the input is never changed");
        });
    }

    [Test]
    public void An_absent_ResultPath_gives_the_result_and_null_keeps_the_input()
    {
        var input = JsonValue.Parse(Input);
        var result = JsonValue.Parse("[1]");

        Assert.Multiple(() =>
        {
            Assert.That(ResultPathWriter.Apply(input, null, result), Is.SameAs(result));
            Assert.That(ResultPathWriter.Apply(input, NullablePath.Null, result), Is.SameAs(input));
        });
    }

    [Test]
    public void Shares_everything_off_the_path_with_the_input()
    {
        var input = (JsonObject)JsonValue.Parse(Input);

        var output = (JsonObject)ResultPathWriter.Apply(input, NullablePath.Of("$.details.result"), JsonValue.FromString("R"));

        Assert.That(output["list"], Is.SameAs(input["list"]));
    }

    [TestCase("$.comment.x")]
    [TestCase("$.n.x")]
    [TestCase("$.list.x")]
    [TestCase("$.list[2]")]
    [TestCase("$.details[0]")]
    [TestCase("$.missing[0]")]
    public void Fails_with_States_ResultPathMatchFailure_through_a_non_object(string path)
    {
        var error = Assert.Throws<StatesErrorException>(() => ResultPathWriter.Apply(JsonValue.Parse(Input), NullablePath.Of(path), JsonValue.FromString("R")))!;

        Assert.That(error.Error, Is.EqualTo(new StatesError("States.ResultPathMatchFailure", $"Unable to apply ReferencePath {path} to input {JsonValue.Parse(Input).ToJson()}")));
    }

    [Test]
    public void A_result_path_into_a_non_object_input_fails()
    {
        var error = Assert.Throws<StatesErrorException>(() => ResultPathWriter.Apply(JsonValue.FromString("text"), NullablePath.Of("$.a"), JsonValue.Null))!;

        Assert.That(error.Error.Cause, Is.EqualTo("Unable to apply ReferencePath $.a to input \"text\""));
    }

    [TestCase("$.a[*]")]
    [TestCase("$$.Execution")]
    [TestCase("$var.x")]
    [TestCase("nope")]
    public void Refuses_a_path_that_is_not_a_reference_path_into_the_input(string path) =>
        Assert.That(() => ResultPathWriter.Target(path), Throws.InstanceOf<FormatException>());
}
