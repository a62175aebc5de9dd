using System.Globalization;
using SageBuild.Local.Shapes;

namespace SageBuild.Local.Tuning;

/// <summary>A hyperparameter range of a tuning job, which draws values as the hyperparameter's string form.</summary>
internal abstract record ParameterRange(string Name)
{
    public abstract string Sample(Random random);

    public static ParameterRange Integer(ShapeReader range)
    {
        var name = range.RequiredString("Name");
        var min = ParseLong(range, "MinValue");
        var max = ParseLong(range, "MaxValue");
        if (min > max)
            throw ServiceException.Invalid($"{range.Location}: MinValue {min} is greater than MaxValue {max}");
        var scaling = Scaling(range);
        if (scaling == "Logarithmic" && min <= 0)
            throw ServiceException.Invalid($"{range.Location}: Logarithmic scaling needs MinValue > 0");
        return new IntegerRange(name, min, max, scaling == "Logarithmic");
    }

    public static ParameterRange Continuous(ShapeReader range)
    {
        var name = range.RequiredString("Name");
        var min = ParseDouble(range, "MinValue");
        var max = ParseDouble(range, "MaxValue");
        if (min > max)
            throw ServiceException.Invalid($"{range.Location}: MinValue {min} is greater than MaxValue {max}");
        var scaling = Scaling(range);
        if (scaling == "Logarithmic" && min <= 0)
            throw ServiceException.Invalid($"{range.Location}: Logarithmic scaling needs MinValue > 0");
        if (scaling == "ReverseLogarithmic" && (min < 0 || max >= 1))
            throw ServiceException.Invalid($"{range.Location}: ReverseLogarithmic scaling needs 0 <= MinValue and MaxValue < 1");
        return new ContinuousRange(name, min, max, scaling);
    }

    public static CategoricalRange Categorical(ShapeReader range)
    {
        var values = range.StringList("Values");
        return values.Count == 0
            ? throw ServiceException.Invalid($"{range.Location}.Values must hold at least one value")
            : new CategoricalRange(range.RequiredString("Name"), values);
    }

    private static string Scaling(ShapeReader range)
    {
        var scaling = range.OptionalString("ScalingType") ?? "Auto";
        return scaling is "Auto" or "Linear" or "Logarithmic" or "ReverseLogarithmic"
            ? scaling
            : throw ServiceException.Invalid($"{range.Path("ScalingType")} must be Auto, Linear, Logarithmic or ReverseLogarithmic, not '{scaling}'");
    }

    private static long ParseLong(ShapeReader range, string key) =>
        long.TryParse(range.RequiredString(key), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw ServiceException.Invalid($"{range.Path(key)} must be an integer written as a string");

    private static double ParseDouble(ShapeReader range, string key) =>
        double.TryParse(range.RequiredString(key), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)
            ? value
            : throw ServiceException.Invalid($"{range.Path(key)} must be a number written as a string");
}

/// <summary>An integer range; logarithmic scaling draws uniformly in log space.</summary>
internal sealed record IntegerRange(string Name, long Min, long Max, bool Logarithmic) : ParameterRange(Name)
{
    public override string Sample(Random random)
    {
        var value = Logarithmic
            ? (long)Math.Round(Math.Exp(Math.Log(Min) + (random.NextDouble() * (Math.Log(Max) - Math.Log(Min)))))
            : Min + random.NextInt64(Max - Min + 1);
        return Math.Clamp(value, Min, Max).ToString(CultureInfo.InvariantCulture);
    }
}

/// <summary>A continuous range, with SageMaker's linear, logarithmic and reverse-logarithmic scalings.</summary>
internal sealed record ContinuousRange(string Name, double Min, double Max, string Scaling) : ParameterRange(Name)
{
    public override string Sample(Random random)
    {
        var u = random.NextDouble();
        var value = Scaling switch
        {
            "Logarithmic" => Math.Exp(Math.Log(Min) + (u * (Math.Log(Max) - Math.Log(Min)))),
            "ReverseLogarithmic" => 1 - Math.Exp(Math.Log(1 - Max) + (u * (Math.Log(1 - Min) - Math.Log(1 - Max)))),
            _ => Min + (u * (Max - Min)),
        };
        return Math.Clamp(value, Min, Max).ToString("R", CultureInfo.InvariantCulture);
    }
}

/// <summary>A categorical range: one of its values, each as likely.</summary>
internal sealed record CategoricalRange(string Name, IReadOnlyList<string> Values) : ParameterRange(Name)
{
    public override string Sample(Random random) => Values[random.Next(Values.Count)];
}
