using System.Globalization;

namespace SageBuild.Local.Scheduling;

/// <summary>
/// The values one cron field allows, parsed from its list of items (<c>*</c>, <c>a</c>, <c>a-b</c>, <c>a/step</c>,
/// <c>a-b/step</c>, <c>*/step</c>, joined by commas). A range whose start is after its end wraps around the field
/// (<c>20-2</c> in Hours is 20, 21, 22, 23, 0, 1, 2), as in EventBridge's own example.
/// </summary>
internal sealed class CronValueSet
{
    private readonly bool[] _allowed;

    private CronValueSet(int min, bool[] allowed)
    {
        Min = min;
        _allowed = allowed;
    }

    public int Min { get; }

    public int Max => Min + _allowed.Length - 1;

    public bool Contains(int value) => value >= Min && value <= Max && _allowed[value - Min];

    /// <summary>The smallest allowed value at or after <paramref name="value"/>, or -1.</summary>
    public int NextAtOrAfter(int value)
    {
        for (var v = Math.Max(value, Min); v <= Max; v++)
        {
            if (_allowed[v - Min])
                return v;
        }

        return -1;
    }

    public static CronValueSet Parse(CronFieldSpec field, string expression, string text)
    {
        var allowed = new bool[field.Max - field.Min + 1];
        foreach (var item in text.Split(','))
        {
            if (item.Length == 0)
                throw field.Error(expression, $"'{text}' has an empty item in its comma-separated list");
            AddItem(field, expression, item, allowed);
        }

        return new CronValueSet(field.Min, allowed);
    }

    private static void AddItem(CronFieldSpec field, string expression, string item, bool[] allowed)
    {
        var slash = item.Split('/');
        if (slash.Length > 2)
            throw field.Error(expression, $"'{item}' has more than one '/'");
        var step = 1;
        if (slash.Length == 2)
        {
            if (!field.AllowsIncrement)
                throw field.Error(expression, $"'{item}': the '/' wildcard is not allowed in this field");
            step = ParseNumber(field, expression, slash[1], "increment");
            if (step < 1)
                throw field.Error(expression, $"'{item}': the increment must be at least 1");
        }

        int start, end;
        var rangeText = slash[0];
        if (rangeText == "*")
        {
            (start, end) = (field.Min, field.Max);
        }
        else
        {
            var dash = rangeText.Split('-');
            if (dash.Length > 2 || dash.Any(d => d.Length == 0))
                throw field.Error(expression, $"'{item}' is not a value, a range a-b, or '*'");
            start = field.ParseValue(expression, dash[0]);
            end = dash.Length == 2 ? field.ParseValue(expression, dash[1]) : slash.Length == 2 ? field.Max : start;
            if (start > end && !field.AllowsWrap)
                throw field.Error(expression, $"'{item}': the range starts after it ends");
        }

        // Walk from start to end (wrapping past Max back to Min when start > end), taking every step-th value.
        var length = field.Max - field.Min + 1;
        var span = (end - start + length) % length;
        for (var offset = 0; offset <= span; offset += step)
        {
            var value = ((start - field.Min + offset) % length) + field.Min;
            allowed[value - field.Min] = true;
        }
    }

    internal static int ParseNumber(CronFieldSpec field, string expression, string text, string what)
    {
        if (text.Length == 0 || text.Length > 4 || !text.All(char.IsAsciiDigit))
            throw field.Error(expression, $"'{text}' is not a valid {what}");
        return int.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture);
    }
}
