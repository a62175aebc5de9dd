using SageBuild.StateMachines.Json;

namespace SageBuild.Tests.StateMachines.Json;

public sealed class JsonNumberWritingTests
{
    [TestCase("[-969, 2000, 1.50, 12345678901234567890123, 6.022E-43]")]
    [TestCase("{\"a\": [-1000], \"b\": 0.10}")]
    public void Indents_numbers_read_from_text_like_any_other_value(string json)
    {
        var indented = JsonValue.Parse(json).ToJson(indented: true);

        // Each array item and property sits on its own line: no "[-969" or ",2000" glued to the previous token.
        Assert.That(indented, Does.Not.Match(@"[\[,]-?\d"));
        Assert.That(JsonValue.Parse(indented), Is.EqualTo(JsonValue.Parse(json)));
    }

    [Test]
    public void Keeps_the_digits_of_a_number_read_from_text()
    {
        var written = JsonValue.Parse("[1.50, 12345678901234567890123, 100000000000000000001, -0, 1e5]").ToJson();

        // -0 is the one exception: it reads as 0, as Jackson (AWS) and JSON.parse-then-stringify give it.
        Assert.That(written, Is.EqualTo("[1.50,12345678901234567890123,100000000000000000001,0,1e5]"));
    }
}
