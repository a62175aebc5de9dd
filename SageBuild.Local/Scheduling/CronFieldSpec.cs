namespace SageBuild.Local.Scheduling;

/// <summary>What one field of an EventBridge cron expression accepts: its name, range, names and wildcards.</summary>
internal sealed record CronFieldSpec(string Name, int Min, int Max, IReadOnlyList<string>? Names = null, bool AllowsIncrement = true, bool AllowsWrap = true)
{
    public static readonly CronFieldSpec Minutes = new("Minutes", 0, 59);
    public static readonly CronFieldSpec Hours = new("Hours", 0, 23);
    public static readonly CronFieldSpec DayOfMonth = new("Day-of-month", 1, 31);
    public static readonly CronFieldSpec Month = new("Month", 1, 12, ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"]);

    // The reference lists no '/' for Day-of-week (its wildcards are , - * ? L #), so an increment there is refused.
    public static readonly CronFieldSpec DayOfWeek = new("Day-of-week", 1, 7, ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"], AllowsIncrement: false);

    // A year range cannot wrap: 2022-2019 is a mistake, not "2022 to 2199 and 1970 to 2019".
    public static readonly CronFieldSpec Year = new("Year", 1970, 2199, AllowsWrap: false);

    public int ParseValue(string expression, string text)
    {
        if (Names is not null)
        {
            for (var i = 0; i < Names.Count; i++)
            {
                if (string.Equals(Names[i], text, StringComparison.OrdinalIgnoreCase))
                    return Min + i;
            }
        }

        if (text.Length == 0 || !text.All(char.IsAsciiDigit))
        {
            var expected = Names is null ? $"a number {Min}-{Max}" : $"a number {Min}-{Max} or {Names[0]}-{Names[^1]}";
            throw Error(expression, $"'{text}' is not {expected}");
        }

        var value = CronValueSet.ParseNumber(this, expression, text, "value");
        if (value < Min || value > Max)
            throw Error(expression, $"{value} is out of range {Min}-{Max}");
        return value;
    }

    public ScheduleExpressionException Error(string expression, string problem) => new(expression, Name, problem);
}
