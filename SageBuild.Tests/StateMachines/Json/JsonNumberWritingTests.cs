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

    [Test]
    public void Writes_a_computed_number_as_the_double_writer_does()
    {
        // Integers take a faster path than formatting a double; it must print the same text, exponent forms and -0 included.
        var random = new Random(7);
        var values = new List<double> { 0, 1, -1, 5, 0.5, -2.25, 999_999_999_999_999, -999_999_999_999_999, 1e15, -1e15, 1e16, 123456789012345678, 1e21, 6.022e-43 };
        for (var i = 0; i < 1000; i++)
            values.Add(Math.Floor((random.NextDouble() - 0.5) * Math.Pow(10, random.Next(0, 18))));

        foreach (var value in values)
        {
            Assert.That(Written(w => JsonNumber.From(value).WriteTo(w)), Is.EqualTo(Written(w => w.WriteNumberValue(value))), $"{value:R}");
            if (Math.Floor(value) == value && Math.Abs(value) < 1e21)
                Assert.That(JsonArray.Wrap([JsonNumber.From(value)]).ToJson(), Is.EqualTo($"[{(value == 0 ? "0" : value.ToString("0", System.Globalization.CultureInfo.InvariantCulture))}]"), $"{value:R} as text");
        }
    }

    private static string Written(Action<System.Text.Json.Utf8JsonWriter> write)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new System.Text.Json.Utf8JsonWriter(buffer))
            write(writer);
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
