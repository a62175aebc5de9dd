using SageBuild.StateMachines.Expressions;

namespace SageBuild.Tests.StateMachines.Expressions;

public sealed class AslTimestampTests
{
    [TestCase("2016-08-18T17:33:00Z", "2016-08-18T17:33:00.0000000+00:00")]
    [TestCase("2016-08-18T17:33:00.5Z", "2016-08-18T17:33:00.5000000+00:00")]
    [TestCase("2016-03-05T21:29:29.243167252Z", "2016-03-05T21:29:29.2431672+00:00")]
    [TestCase("2012-10-09T19:00:55+01:00", "2012-10-09T18:00:55.0000000+00:00")]
    [TestCase("2012-10-09T19:00:55-05:30", "2012-10-10T00:30:55.0000000+00:00")]
    [TestCase("2024-02-29T23:59:59Z", "2024-02-29T23:59:59.0000000+00:00")]
    [TestCase("2026-11-25T15:41:08.000000Z", "2026-11-25T15:41:08.0000000+00:00")]
    [TestCase("2026-11-25T15:41:08.00Z", "2026-11-25T15:41:08.0000000+00:00")]
    public void Parses_RFC_3339_timestamps_to_UTC(string text, string expected)
    {
        Assert.Multiple(() =>
        {
            Assert.That(AslTimestamp.TryParse(text, out var value), Is.True);
            Assert.That(value.ToString("o", System.Globalization.CultureInfo.InvariantCulture), Is.EqualTo(expected));
        });
    }

    [TestCase("2016-12-05T21:29:29", Description = "no offset (recorded: AWS refuses it)")]
    [TestCase("2016-12-05 21:29:29Z", Description = "a space for the T (recorded)")]
    [TestCase("05-12-2016T21:29:29Z", Description = "another date order (recorded)")]
    [TestCase("2026-11-25T15:41:08.000000", Description = "fraction but no offset (recorded)")]
    [TestCase("2016-08-18t17:33:00z")]
    [TestCase("2016-08-18T17:33Z")]
    [TestCase("2016-08-18T17:33:00.Z")]
    [TestCase("2016-08-18T17:33:00.1234567890Z")]
    [TestCase("2016-02-30T00:00:00Z")]
    [TestCase("2016-13-01T00:00:00Z")]
    [TestCase("2016-01-01T24:00:00Z")]
    [TestCase("2016-01-01T00:00:00+0100")]
    [TestCase("2023-02-24")]
    [TestCase("")]
    [TestCase(null)]
    public void Refuses_what_is_not_an_RFC_3339_timestamp(string? text) =>
        Assert.That(AslTimestamp.TryParse(text, out _), Is.False);
}
