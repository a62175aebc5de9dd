namespace SageBuild.Local.Scheduling;

/// <summary>
/// Which days of a month a cron expression fires on: the Day-of-month field or the Day-of-week field, whichever is not
/// <c>?</c>, including the special forms <c>L</c>, <c>LW</c> and <c>nW</c> (Day-of-month) and <c>L</c>, <c>nL</c> and
/// <c>n#k</c> (Day-of-week). Days of the week are numbered as EventBridge numbers them: 1 is Sunday, 7 is Saturday.
/// </summary>
internal abstract class CronDayRule
{
    public abstract bool Matches(int year, int month, int day);

    private static int WeekdayNumber(int year, int month, int day) => (int)new DateTime(year, month, day).DayOfWeek + 1;

    /// <summary>Any day in a set of days of the month (<c>*</c>, <c>1,15</c>, <c>1-7</c>, <c>1/2</c>).</summary>
    internal sealed class DaysOfMonth(CronValueSet days) : CronDayRule
    {
        public override bool Matches(int year, int month, int day) => days.Contains(day);
    }

    /// <summary><c>L</c> in Day-of-month: the last day of the month.</summary>
    internal sealed class LastDayOfMonth : CronDayRule
    {
        public override bool Matches(int year, int month, int day) => day == DateTime.DaysInMonth(year, month);
    }

    /// <summary><c>LW</c>: the last weekday (Monday to Friday) of the month.</summary>
    internal sealed class LastWeekdayOfMonth : CronDayRule
    {
        public override bool Matches(int year, int month, int day)
        {
            var last = DateTime.DaysInMonth(year, month);
            while (WeekdayNumber(year, month, last) is 1 or 7)
                last--;
            return day == last;
        }
    }

    /// <summary>
    /// <c>nW</c>: the weekday nearest to day n, without leaving the month: a Saturday moves to the Friday before
    /// (or to Monday the 3rd when n is 1), a Sunday to the Monday after (or to the Friday before when n is the last day).
    /// A month shorter than n has no such day.
    /// </summary>
    internal sealed class NearestWeekday(int target) : CronDayRule
    {
        public override bool Matches(int year, int month, int day)
        {
            var last = DateTime.DaysInMonth(year, month);
            if (target > last)
                return false;
            var nearest = WeekdayNumber(year, month, target) switch
            {
                7 => target == 1 ? target + 2 : target - 1,
                1 => target == last ? target - 2 : target + 1,
                _ => target,
            };
            return day == nearest;
        }
    }

    /// <summary>Any day whose day of the week is in a set (<c>MON-FRI</c>, <c>2,4,6</c>, <c>*</c>).</summary>
    internal sealed class DaysOfWeek(CronValueSet weekdays) : CronDayRule
    {
        public override bool Matches(int year, int month, int day) => weekdays.Contains(WeekdayNumber(year, month, day));
    }

    /// <summary><c>nL</c>: the last day of the month that falls on weekday n (<c>6L</c> is the last Friday).</summary>
    internal sealed class LastWeekdayInMonth(int weekday) : CronDayRule
    {
        public override bool Matches(int year, int month, int day) =>
            WeekdayNumber(year, month, day) == weekday && day + 7 > DateTime.DaysInMonth(year, month);
    }

    /// <summary><c>n#k</c>: the k-th weekday n of the month (<c>2#1</c> is the first Monday); months without one are skipped.</summary>
    internal sealed class NthWeekdayInMonth(int weekday, int nth) : CronDayRule
    {
        public override bool Matches(int year, int month, int day) =>
            WeekdayNumber(year, month, day) == weekday && (day - 1) / 7 + 1 == nth;
    }
}
