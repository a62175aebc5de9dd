namespace SageBuild.Local.Scheduling;

/// <summary>
/// <c>cron(Minutes Hours Day-of-month Month Day-of-week Year)</c> in EventBridge's dialect, evaluated in UTC.
/// </summary>
/// <remarks>
/// <para>Fields and wildcards, as the EventBridge reference gives them:</para>
/// <list type="table">
///   <item><term>Minutes</term><description>0-59; <c>, - * /</c></description></item>
///   <item><term>Hours</term><description>0-23; <c>, - * /</c></description></item>
///   <item><term>Day-of-month</term><description>1-31; <c>, - * ? / L W</c> (<c>L</c>, <c>LW</c>, <c>nW</c>)</description></item>
///   <item><term>Month</term><description>1-12 or JAN-DEC; <c>, - * /</c></description></item>
///   <item><term>Day-of-week</term><description>1-7 or SUN-SAT (1 is Sunday); <c>, - * ? L #</c> (<c>L</c>, <c>nL</c>, <c>n#k</c>)</description></item>
///   <item><term>Year</term><description>1970-2199; <c>, - * /</c></description></item>
/// </list>
/// <para>
/// Exactly one of Day-of-month and Day-of-week is <c>?</c>. <c>#</c> stands alone in its field (<c>3#1,6#3</c> is refused),
/// and so do <c>L</c>, <c>LW</c> and <c>nW</c>. Names are accepted in any case. A range whose start is after its end wraps
/// (<c>20-2</c> in Hours), except in Year. Beyond the reference, <c>LW</c> (last weekday of the month) is accepted, as
/// EventBridge's Quartz-derived parser accepts it.
/// </para>
/// </remarks>
public sealed class CronExpression : ScheduleExpression
{
    private readonly CronValueSet _minutes;
    private readonly CronValueSet _hours;
    private readonly CronValueSet _months;
    private readonly CronValueSet _years;
    private readonly CronDayRule _days;

    private CronExpression(string text, CronValueSet minutes, CronValueSet hours, CronDayRule days, CronValueSet months, CronValueSet years)
        : base(text)
    {
        _minutes = minutes;
        _hours = hours;
        _days = days;
        _months = months;
        _years = years;
    }

    /// <inheritdoc />
    public override DateTimeOffset? GetNextOccurrence(DateTimeOffset after)
    {
        // The first whole minute strictly after `after`.
        var utc = after.UtcDateTime;
        var start = new DateTime(utc.Year, utc.Month, utc.Day, utc.Hour, utc.Minute, 0, DateTimeKind.Utc).AddMinutes(1);
        if (start.Year > _years.Max)
            return null;

        for (var year = _years.NextAtOrAfter(start.Year); year != -1; year = _years.NextAtOrAfter(year + 1))
        {
            var sameYear = year == start.Year;
            for (var month = _months.NextAtOrAfter(sameYear ? start.Month : 1); month != -1; month = _months.NextAtOrAfter(month + 1))
            {
                var sameMonth = sameYear && month == start.Month;
                var daysInMonth = DateTime.DaysInMonth(year, month);
                for (var day = sameMonth ? start.Day : 1; day <= daysInMonth; day++)
                {
                    if (!_days.Matches(year, month, day))
                        continue;
                    var sameDay = sameMonth && day == start.Day;
                    for (var hour = _hours.NextAtOrAfter(sameDay ? start.Hour : 0); hour != -1; hour = _hours.NextAtOrAfter(hour + 1))
                    {
                        var sameHour = sameDay && hour == start.Hour;
                        var minute = _minutes.NextAtOrAfter(sameHour ? start.Minute : 0);
                        if (minute != -1)
                            return new DateTimeOffset(year, month, day, hour, minute, 0, TimeSpan.Zero);
                    }
                }
            }
        }

        return null;
    }

    internal static CronExpression ParseCron(string text)
    {
        if (!text.EndsWith(')'))
            throw new ScheduleExpressionException(text, null, "a cron expression ends with ')'");
        var fields = text["cron(".Length..^1].Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length != 6)
        {
            throw new ScheduleExpressionException(text, null,
                $"a cron expression has six fields (Minutes Hours Day-of-month Month Day-of-week Year), this one has {fields.Length}");
        }

        var (dayOfMonth, dayOfWeek) = (fields[2], fields[4]);
        foreach (var (spec, value) in new[] { (CronFieldSpec.Minutes, fields[0]), (CronFieldSpec.Hours, fields[1]), (CronFieldSpec.Month, fields[3]), (CronFieldSpec.Year, fields[5]) })
        {
            if (value.Contains('?', StringComparison.Ordinal) || value.Contains('L', StringComparison.OrdinalIgnoreCase) && spec != CronFieldSpec.Month
                || value.Contains('#', StringComparison.Ordinal) || value.Contains('W', StringComparison.Ordinal))
            {
                throw spec.Error(text, $"'{value}': the wildcards ? L W # are only allowed in Day-of-month and Day-of-week");
            }
        }

        if (dayOfMonth == "?" == (dayOfWeek == "?"))
        {
            throw new ScheduleExpressionException(text, "Day-of-month and Day-of-week", dayOfMonth == "?"
                ? "both are '?': give a value or '*' in one of them"
                : $"both are given ('{dayOfMonth}' and '{dayOfWeek}'): one of them must be '?'");
        }

        var days = dayOfMonth == "?" ? ParseDayOfWeek(text, dayOfWeek) : ParseDayOfMonth(text, dayOfMonth);
        return new CronExpression(
            text,
            CronValueSet.Parse(CronFieldSpec.Minutes, text, fields[0]),
            CronValueSet.Parse(CronFieldSpec.Hours, text, fields[1]),
            days,
            CronValueSet.Parse(CronFieldSpec.Month, text, fields[3]),
            CronValueSet.Parse(CronFieldSpec.Year, text, fields[5]));
    }

    private static CronDayRule ParseDayOfMonth(string text, string field)
    {
        var spec = CronFieldSpec.DayOfMonth;
        if (field.Contains('#', StringComparison.Ordinal))
            throw spec.Error(text, $"'{field}': '#' is only allowed in Day-of-week");
        if (field.Contains('?', StringComparison.Ordinal))
            throw spec.Error(text, $"'{field}': '?' stands alone in its field");
        var hasL = field.Contains('L', StringComparison.OrdinalIgnoreCase);
        var hasW = field.Contains('W', StringComparison.OrdinalIgnoreCase);
        if (!hasL && !hasW)
            return new CronDayRule.DaysOfMonth(CronValueSet.Parse(spec, text, field));
        if (field.Contains(',', StringComparison.Ordinal))
            throw spec.Error(text, $"'{field}': L and W can't be combined with other values in a list");
        if (field.Equals("L", StringComparison.OrdinalIgnoreCase))
            return new CronDayRule.LastDayOfMonth();
        if (field.Equals("LW", StringComparison.OrdinalIgnoreCase))
            return new CronDayRule.LastWeekdayOfMonth();
        if (!hasL && field.Length > 1 && char.ToUpperInvariant(field[^1]) == 'W')
            return new CronDayRule.NearestWeekday(spec.ParseValue(text, field[..^1]));
        throw spec.Error(text, $"'{field}' is not a valid use of L or W (use L, LW or nW such as 15W)");
    }

    private static CronDayRule ParseDayOfWeek(string text, string field)
    {
        var spec = CronFieldSpec.DayOfWeek;
        if (field.Contains('W', StringComparison.OrdinalIgnoreCase) && !field.Contains("WED", StringComparison.OrdinalIgnoreCase))
            throw spec.Error(text, $"'{field}': 'W' is only allowed in Day-of-month");
        if (field.Contains('?', StringComparison.Ordinal))
            throw spec.Error(text, $"'{field}': '?' stands alone in its field");
        if (field.Contains('#', StringComparison.Ordinal))
        {
            if (field.Contains(',', StringComparison.Ordinal))
                throw spec.Error(text, $"'{field}': with '#' the field holds one expression only ('3#1,6#3' is two)");
            var parts = field.Split('#');
            if (parts.Length != 2)
                throw spec.Error(text, $"'{field}' is not weekday#n such as 2#1");
            var weekday = spec.ParseValue(text, parts[0]);
            var nth = CronValueSet.ParseNumber(spec, text, parts[1], "occurrence after '#'");
            if (nth is < 1 or > 5)
                throw spec.Error(text, $"'{field}': the occurrence after '#' is 1-5, not {nth}");
            return new CronDayRule.NthWeekdayInMonth(weekday, nth);
        }

        if (field.Equals("L", StringComparison.OrdinalIgnoreCase))
            return new CronDayRule.DaysOfWeek(CronValueSet.Parse(spec, text, "7"));   // the last day of the week: Saturday
        if (field.EndsWith('L') || field.EndsWith('l'))
        {
            if (field.Contains(',', StringComparison.Ordinal) || field.Contains('-', StringComparison.Ordinal))
                throw spec.Error(text, $"'{field}': nL names one weekday and can't be combined with other values");
            return new CronDayRule.LastWeekdayInMonth(spec.ParseValue(text, field[..^1]));
        }

        return new CronDayRule.DaysOfWeek(CronValueSet.Parse(spec, text, field));
    }
}
