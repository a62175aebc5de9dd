using Microsoft.Extensions.Time.Testing;
using SageBuild.Local.Scheduling;

namespace SageBuild.Tests.Local.Scheduling;

public sealed class SchedulerTests
{
    private static readonly DateTimeOffset Start = DateTimeOffset.Parse("2024-05-15T12:34:56Z", CultureInfo.InvariantCulture);

    [Test]
    public void A_cron_schedule_fires_at_each_occurrence_as_the_clock_moves()
    {
        var time = new FakeTimeProvider(Start);
        var fired = new List<DateTimeOffset>();
        using var scheduler = new Scheduler(ScheduleExpression.Parse("cron(0/15 * * * ? *)"), fired.Add, time);
        scheduler.Start();
        Assert.That(scheduler.NextOccurrence, Is.EqualTo(DateTimeOffset.Parse("2024-05-15T12:45:00Z", CultureInfo.InvariantCulture)));

        for (var i = 0; i < 60; i++)
            time.Advance(TimeSpan.FromMinutes(1));

        Assert.That(fired.Select(f => f.ToString("HH:mm", CultureInfo.InvariantCulture)), Is.EqualTo(new[] { "12:45", "13:00", "13:15", "13:30" }));
        Assert.That(scheduler.NextOccurrence!.Value.ToString("HH:mm", CultureInfo.InvariantCulture), Is.EqualTo("13:45"));
    }

    [Test]
    public void A_rate_schedule_first_fires_one_interval_after_it_starts()
    {
        var time = new FakeTimeProvider(Start);
        var fired = new List<DateTimeOffset>();
        using var scheduler = new Scheduler(ScheduleExpression.Parse("rate(1 hour)"), fired.Add, time);
        scheduler.Start();

        for (var i = 0; i < 3 * 60; i++)
            time.Advance(TimeSpan.FromMinutes(1));

        Assert.That(fired, Is.EqualTo(new[] { Start.AddHours(1), Start.AddHours(2), Start.AddHours(3) }));
    }

    [Test]
    public void Occurrences_missed_while_the_clock_jumped_are_not_caught_up()
    {
        var time = new FakeTimeProvider(Start);
        var fired = new List<DateTimeOffset>();
        using var scheduler = new Scheduler(ScheduleExpression.Parse("cron(0/15 * * * ? *)"), fired.Add, time);
        scheduler.Start();

        time.Advance(TimeSpan.FromHours(2));   // as if the machine slept through seven occurrences

        Assert.That(fired, Has.Count.EqualTo(1), "one firing for the wake-up, not one per missed occurrence");
        Assert.That(scheduler.NextOccurrence, Is.EqualTo(DateTimeOffset.Parse("2024-05-15T14:45:00Z", CultureInfo.InvariantCulture)));
    }

    [Test]
    public void A_schedule_months_away_fires_on_its_day()
    {
        var time = new FakeTimeProvider(Start);
        var fired = new List<DateTimeOffset>();
        using var scheduler = new Scheduler(ScheduleExpression.Parse("cron(0 9 ? * 2#1 2025)"), fired.Add, time);
        scheduler.Start();

        for (var day = 0; day < 300 && fired.Count == 0; day++)
            time.Advance(TimeSpan.FromHours(1) * 24);
        for (var minute = 0; minute < 24 * 60 && fired.Count == 0; minute++)
            time.Advance(TimeSpan.FromMinutes(1));

        Assert.That(fired, Is.EqualTo(new[] { DateTimeOffset.Parse("2025-01-06T09:00:00Z", CultureInfo.InvariantCulture) }));
    }

    [Test]
    public void A_failing_callback_does_not_stop_the_schedule()
    {
        var time = new FakeTimeProvider(Start);
        var calls = 0;
        using var scheduler = new Scheduler(ScheduleExpression.Parse("rate(1 minute)"), _ =>
        {
            calls++;
            throw new InvalidOperationException("the build could not start");
        }, time);
        scheduler.Start();

        for (var i = 0; i < 3; i++)
            time.Advance(TimeSpan.FromMinutes(1));

        Assert.That(calls, Is.EqualTo(3));
    }

    [Test]
    public void A_disposed_scheduler_fires_no_more()
    {
        var time = new FakeTimeProvider(Start);
        var fired = new List<DateTimeOffset>();
        var scheduler = new Scheduler(ScheduleExpression.Parse("rate(1 minute)"), fired.Add, time);
        scheduler.Start();
        time.Advance(TimeSpan.FromMinutes(1));
        scheduler.Dispose();
        time.Advance(TimeSpan.FromMinutes(5));

        Assert.That(fired, Has.Count.EqualTo(1));
        Assert.That(scheduler.NextOccurrence, Is.Null);
    }
}
