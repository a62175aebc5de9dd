using SageBuild.Local.Scheduling;

namespace SageBuild.Tests.Local.Scheduling;

/// <summary>
/// Every example of EventBridge's "schedule expressions for rules" reference, with the concrete next occurrence it
/// gives, plus the special forms (L, W, #) and the forms EventBridge refuses. The reference time is Wednesday
/// 2024-05-15 12:34:56 UTC unless a case says otherwise.
/// </summary>
public sealed class ScheduleExpressionTests
{
    private const string Wednesday = "2024-05-15T12:34:56Z";

    [TestCase("cron(0 10 * * ? *)", Wednesday, "2024-05-16T10:00:00Z", TestName = "10:00 every day fires tomorrow once today's has passed")]
    [TestCase("cron(15 12 * * ? *)", Wednesday, "2024-05-16T12:15:00Z", TestName = "12:15 every day")]
    [TestCase("cron(15 12 * * ? *)", "2024-05-15T12:14:59Z", "2024-05-15T12:15:00Z", TestName = "12:15 every day fires today when still ahead")]
    [TestCase("cron(0 18 ? * MON-FRI *)", Wednesday, "2024-05-15T18:00:00Z", TestName = "18:00 Monday to Friday on a Wednesday")]
    [TestCase("cron(0 18 ? * MON-FRI *)", "2024-05-17T19:00:00Z", "2024-05-20T18:00:00Z", TestName = "18:00 Monday to Friday skips the weekend")]
    [TestCase("cron(0 8 1 * ? *)", Wednesday, "2024-06-01T08:00:00Z", TestName = "8:00 on the first day of every month")]
    [TestCase("cron(0/15 * * * ? *)", Wednesday, "2024-05-15T12:45:00Z", TestName = "every 15 minutes")]
    [TestCase("cron(0/10 * ? * MON-FRI *)", Wednesday, "2024-05-15T12:40:00Z", TestName = "every 10 minutes on weekdays")]
    [TestCase("cron(0/10 * ? * MON-FRI *)", "2024-05-18T10:00:00Z", "2024-05-20T00:00:00Z", TestName = "every 10 minutes on weekdays resumes on Monday")]
    [TestCase("cron(0/5 8-17 ? * MON-FRI *)", Wednesday, "2024-05-15T12:35:00Z", TestName = "every 5 minutes 8:00-17:55 on weekdays")]
    [TestCase("cron(0/5 8-17 ? * MON-FRI *)", "2024-05-15T17:55:00Z", "2024-05-16T08:00:00Z", TestName = "every 5 minutes 8:00-17:55 ends at 17:55")]
    [TestCase("cron(0/30 20-2 ? * MON-FRI *)", Wednesday, "2024-05-15T20:00:00Z", TestName = "a wrapping hour range starts in the evening")]
    [TestCase("cron(0/30 20-2 ? * MON-FRI *)", "2024-05-15T23:30:00Z", "2024-05-16T00:00:00Z", TestName = "a wrapping hour range goes on past midnight")]
    [TestCase("cron(0/30 20-2 ? * MON-FRI *)", "2024-05-16T01:30:00Z", "2024-05-16T02:00:00Z", TestName = "a wrapping hour range includes its end hour")]
    [TestCase("cron(0/30 20-2 ? * MON-FRI *)", "2024-05-16T02:30:00Z", "2024-05-16T20:00:00Z", TestName = "a wrapping hour range skips the daytime")]
    [TestCase("cron(0 9 ? * 2#1 *)", Wednesday, "2024-06-03T09:00:00Z", TestName = "9:00 on the first Monday of the month")]
    [TestCase("cron(0 12 * * ? *)", Wednesday, "2024-05-16T12:00:00Z", TestName = "noon every day")]
    [TestCase("cron(5,35 14 * * ? *)", Wednesday, "2024-05-15T14:05:00Z", TestName = "a list of minutes")]
    [TestCase("cron(5,35 14 * * ? *)", "2024-05-15T14:05:00Z", "2024-05-15T14:35:00Z", TestName = "the occurrence is strictly after the given time")]
    [TestCase("cron(15 10 ? * 6L 2019-2022)", "2019-01-01T00:00:00Z", "2019-01-25T10:15:00Z", TestName = "the last Friday of January 2019")]
    [TestCase("cron(15 10 ? * 6L 2019-2022)", "2022-12-01T00:00:00Z", "2022-12-30T10:15:00Z", TestName = "the last Friday of December 2022")]
    [TestCase("cron(0 0 L * ? *)", "2024-02-10T00:00:00Z", "2024-02-29T00:00:00Z", TestName = "L is the last day of a leap February")]
    [TestCase("cron(0 0 L * ? *)", "2023-02-10T00:00:00Z", "2023-02-28T00:00:00Z", TestName = "L is the last day of a common February")]
    [TestCase("cron(0 9 15W * ? *)", "2024-06-01T00:00:00Z", "2024-06-14T09:00:00Z", TestName = "15W on a Saturday moves to Friday")]
    [TestCase("cron(0 9 1W * ? *)", "2024-05-31T00:00:00Z", "2024-06-03T09:00:00Z", TestName = "1W on a Saturday moves to Monday the 3rd")]
    [TestCase("cron(0 9 1W * ? *)", "2024-08-31T00:00:00Z", "2024-09-02T09:00:00Z", TestName = "1W on a Sunday moves to Monday")]
    [TestCase("cron(0 9 30W * ? *)", "2024-06-01T00:00:00Z", "2024-06-28T09:00:00Z", TestName = "30W on the month's last day, a Sunday, moves back to Friday")]
    [TestCase("cron(0 9 31W * ? *)", "2024-06-01T00:00:00Z", "2024-07-31T09:00:00Z", TestName = "31W skips a month of 30 days")]
    [TestCase("cron(0 9 LW * ? *)", "2024-06-01T00:00:00Z", "2024-06-28T09:00:00Z", TestName = "LW is the last weekday of the month")]
    [TestCase("cron(0 0 ? * L *)", Wednesday, "2024-05-18T00:00:00Z", TestName = "L in Day-of-week is Saturday")]
    [TestCase("cron(0 0 ? * 3#2 *)", Wednesday, "2024-06-11T00:00:00Z", TestName = "3#2 is the second Tuesday")]
    [TestCase("cron(0 0 ? * 5#5 *)", Wednesday, "2024-05-30T00:00:00Z", TestName = "5#5 is a fifth Thursday")]
    [TestCase("cron(0 0 ? * FRI#2 *)", Wednesday, "2024-06-14T00:00:00Z", TestName = "a weekday name before #")]
    [TestCase("cron(0 18 ? * mon-fri *)", "2024-05-18T00:00:00Z", "2024-05-20T18:00:00Z", TestName = "names in lower case")]
    [TestCase("cron(0 0 1 JAN,JUL ? *)", Wednesday, "2024-07-01T00:00:00Z", TestName = "month names in a list")]
    [TestCase("cron(0 0 1 NOV-FEB ? *)", "2024-03-01T00:00:00Z", "2024-11-01T00:00:00Z", TestName = "a wrapping month range")]
    [TestCase("cron(*/20 * * * ? *)", Wednesday, "2024-05-15T12:40:00Z", TestName = "an increment from *")]
    [TestCase("cron(10-40/15 * * * ? *)", "2024-05-15T12:40:00Z", "2024-05-15T13:10:00Z", TestName = "an increment within a range")]
    [TestCase("cron(0 0 1 1 ? 2030)", Wednesday, "2030-01-01T00:00:00Z", TestName = "a single year")]
    [TestCase("cron(0 0 29 2 ? *)", Wednesday, "2028-02-29T00:00:00Z", TestName = "the 29th of February waits for a leap year")]
    public void A_cron_expression_fires_next_at_the_expected_minute(string expression, string after, string expected)
    {
        var next = ScheduleExpression.Parse(expression).GetNextOccurrence(DateTimeOffset.Parse(after, CultureInfo.InvariantCulture));
        Assert.That(next, Is.EqualTo(DateTimeOffset.Parse(expected, CultureInfo.InvariantCulture)));
    }

    [TestCase("cron(15 10 ? * 6L 2019-2022)", "2024-01-01T00:00:00Z")]
    [TestCase("cron(0 0 1 1 ? 2030)", "2030-01-01T00:00:00Z")]
    [TestCase("cron(59 23 31 12 ? 2199)", "2199-12-31T23:59:00Z")]
    public void A_cron_expression_whose_years_have_passed_never_fires_again(string expression, string after) =>
        Assert.That(ScheduleExpression.Parse(expression).GetNextOccurrence(DateTimeOffset.Parse(after, CultureInfo.InvariantCulture)), Is.Null);

    [Test]
    public void Twelve_months_of_a_weekday_schedule_fire_only_on_weekdays_at_the_given_hours()
    {
        var cron = ScheduleExpression.Parse("cron(0/5 8-17 ? * MON-FRI *)");
        var at = DateTimeOffset.Parse("2024-01-01T00:00:00Z", CultureInfo.InvariantCulture);
        var count = 0;
        while ((at = cron.GetNextOccurrence(at)!.Value) < DateTimeOffset.Parse("2025-01-01T00:00:00Z", CultureInfo.InvariantCulture))
        {
            Assert.That(at.DayOfWeek, Is.Not.EqualTo(DayOfWeek.Saturday).And.Not.EqualTo(DayOfWeek.Sunday));
            Assert.That(at.Hour, Is.InRange(8, 17));
            Assert.That(at.Minute % 5, Is.Zero);
            count++;
        }

        Assert.That(count, Is.EqualTo(262 * 10 * 12), "2024 has 262 weekdays, each with 10 hours of 12 firings");
    }

    [TestCase("rate(1 minute)", 1)]
    [TestCase("rate(5 minutes)", 5)]
    [TestCase("rate(1 hour)", 60)]
    [TestCase("rate(2 hours)", 120)]
    [TestCase("rate(1 day)", 1440)]
    [TestCase("rate(2 days)", 2880)]
    public void A_rate_expression_fires_one_interval_after_the_previous_occurrence(string expression, int minutes)
    {
        var rate = (RateExpression)ScheduleExpression.Parse(expression);
        var after = DateTimeOffset.Parse(Wednesday, CultureInfo.InvariantCulture);
        Assert.That(rate.Interval, Is.EqualTo(TimeSpan.FromMinutes(minutes)));
        Assert.That(rate.GetNextOccurrence(after), Is.EqualTo(after.AddMinutes(minutes)));
    }

    [TestCase("rate(1 minutes)", "unit: with the value 1 the unit is singular: rate(1 minute)")]
    [TestCase("rate(1 hours)", "unit: with the value 1 the unit is singular: rate(1 hour)")]
    [TestCase("rate(5 hour)", "unit: with a value greater than 1 the unit is plural: rate(5 hours)")]
    [TestCase("rate(2 day)", "unit: with a value greater than 1 the unit is plural: rate(2 days)")]
    [TestCase("rate(0 minutes)", "value: must be positive, not 0")]
    [TestCase("rate(-5 minutes)", "value: '-5' is not a positive whole number")]
    [TestCase("rate(1.5 hours)", "value: '1.5' is not a positive whole number")]
    [TestCase("rate(5 seconds)", "unit: 'seconds' is not one of minute, minutes, hour, hours, day, days")]
    [TestCase("rate(5 Minutes)", "unit: 'Minutes' is not one of")]
    [TestCase("rate(5)", "a rate expression has two fields")]
    [TestCase("cron(0 10 * * *)", "a cron expression has six fields (Minutes Hours Day-of-month Month Day-of-week Year), this one has 5")]
    [TestCase("cron(0 0 10 * * ? *)", "this one has 7")]
    [TestCase("cron(0 10 * * * *)", "Day-of-month and Day-of-week: both are given ('*' and '*'): one of them must be '?'")]
    [TestCase("cron(0 10 1 * MON *)", "Day-of-month and Day-of-week: both are given ('1' and 'MON')")]
    [TestCase("cron(0 10 ? * ? *)", "Day-of-month and Day-of-week: both are '?'")]
    [TestCase("cron(60 10 * * ? *)", "Minutes: 60 is out of range 0-59")]
    [TestCase("cron(0 24 * * ? *)", "Hours: 24 is out of range 0-23")]
    [TestCase("cron(0 10 32 * ? *)", "Day-of-month: 32 is out of range 1-31")]
    [TestCase("cron(0 10 0 * ? *)", "Day-of-month: 0 is out of range 1-31")]
    [TestCase("cron(0 10 * 13 ? *)", "Month: 13 is out of range 1-12")]
    [TestCase("cron(0 10 * FOO ? *)", "Month: 'FOO' is not a number 1-12 or JAN-DEC")]
    [TestCase("cron(0 10 ? * 8 *)", "Day-of-week: 8 is out of range 1-7")]
    [TestCase("cron(0 10 ? * 0 *)", "Day-of-week: 0 is out of range 1-7")]
    [TestCase("cron(0 10 * * ? 1969)", "Year: 1969 is out of range 1970-2199")]
    [TestCase("cron(0 10 * * ? 2200)", "Year: 2200 is out of range 1970-2199")]
    [TestCase("cron(0 10 * * ? 2022-2019)", "Year: '2022-2019': the range starts after it ends")]
    [TestCase("cron(0 10 ? * 3#1,6#3 *)", "Day-of-week: '3#1,6#3': with '#' the field holds one expression only")]
    [TestCase("cron(0 10 ? * 2#6 *)", "Day-of-week: '2#6': the occurrence after '#' is 1-5, not 6")]
    [TestCase("cron(0 10 ? * MON/2 *)", "Day-of-week: 'MON/2': the '/' wildcard is not allowed in this field")]
    [TestCase("cron(0 L * * ? *)", "Hours: 'L': the wildcards ? L W # are only allowed in Day-of-month and Day-of-week")]
    [TestCase("cron(? 10 * * ? *)", "Minutes: '?': the wildcards")]
    [TestCase("cron(0 10 1#2 * ? *)", "Day-of-month: '1#2': '#' is only allowed in Day-of-week")]
    [TestCase("cron(0 10 ? * 2W *)", "Day-of-week: '2W': 'W' is only allowed in Day-of-month")]
    [TestCase("cron(0 10 1,15W * ? *)", "Day-of-month: '1,15W': L and W can't be combined with other values in a list")]
    [TestCase("cron(0/0 10 * * ? *)", "Minutes: '0/0': the increment must be at least 1")]
    [TestCase("cron(0 10 1,,2 * ? *)", "Day-of-month: '1,,2' has an empty item")]
    [TestCase("cron(0 10 * * ? *", "a cron expression ends with ')'")]
    [TestCase("every 5 minutes", "a schedule expression is either rate(value unit) or cron(")]
    public void An_expression_EventBridge_refuses_is_refused_with_a_message_naming_the_field(string expression, string message)
    {
        var error = Assert.Throws<ScheduleExpressionException>(() => ScheduleExpression.Parse(expression));
        Assert.That(error!.Message, Does.Contain(message));
        Assert.That(error.Message, Does.StartWith($"'{expression}'"), "the message quotes the expression");
        Assert.That(ScheduleExpression.TryParse(expression, out _, out var tryError), Is.False);
        Assert.That(tryError, Is.EqualTo(error.Message));
    }
}
