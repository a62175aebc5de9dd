using System.Globalization;
using System.Text.RegularExpressions;
using SageBuild.Engine.Jsonata.Runtime;
using SageBuild.StateMachines.Json;

namespace SageBuild.Engine.Jsonata.Functions;

/// <summary>Numeric and aggregation functions.</summary>
internal static partial class JsonataNumericFunctions
{
    [GeneratedRegex(@"^-?[0-9]+(\.[0-9]+)?([Ee][-+]?[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex DecimalText();

    [GeneratedRegex(@"^(0[xX][0-9A-Fa-f]+)|(0[oO][0-7]+)|(0[bB][0-1]+)$", RegexOptions.CultureInvariant)]
    private static partial Regex PrefixedText();

    private static double Value(object? value) => ((JsonNumber)value!).Value;

    public static object? Sum(JsonataEvaluator evaluator, object? input, object?[] args)
    {
        if (args[0] is null)
            return null;
        var total = 0.0;
        foreach (var item in JsonataValues.Items(args[0]))
            total += Value(item);
        return JsonataValues.Number(total);
    }

    public static object? Max(JsonataEvaluator evaluator, object? input, object?[] args)
    {
        if (args[0] is null || JsonataValues.Count(args[0]) == 0)
            return null;
        return JsonataValues.Number(JsonataValues.Items(args[0]).Max(Value));
    }

    public static object? Min(JsonataEvaluator evaluator, object? input, object?[] args)
    {
        if (args[0] is null || JsonataValues.Count(args[0]) == 0)
            return null;
        return JsonataValues.Number(JsonataValues.Items(args[0]).Min(Value));
    }

    public static object? Average(JsonataEvaluator evaluator, object? input, object?[] args)
    {
        if (args[0] is null || JsonataValues.Count(args[0]) == 0)
            return null;
        var items = JsonataValues.Items(args[0]);
        return JsonataValues.Number(items.Sum(Value) / items.Count);
    }

    public static object? Number(JsonataEvaluator evaluator, object? input, object?[] args)
    {
        var arg = args[0];
        switch (arg)
        {
            case null:
                return null;
            case JsonNumber:
                return arg;
            case JsonString s when DecimalText().IsMatch(s.Value)
                && double.TryParse(s.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) && double.IsFinite(parsed):
                return JsonNumber.From(parsed);
            case JsonString s when PrefixedText().IsMatch(s.Value) && TryParsePrefixed(s.Value, out var prefixed):
                return JsonNumber.From(prefixed);
            case JsonBoolean b:
                return JsonNumber.From(b.Value ? 1 : 0);
            default:
                throw new JsonataRuntimeException("D3030", arg, index: 1);
        }
    }

    private static bool TryParsePrefixed(string text, out double value)
    {
        value = 0;
        var radix = char.ToLowerInvariant(text[1]) switch { 'x' => 16, 'o' => 8, _ => 2 };
        foreach (var c in text[2..])
        {
            var digit = Convert.ToInt32(c.ToString(), 16);
            if (digit >= radix)
                return false;
            value = (value * radix) + digit;
        }

        return true;
    }

    public static object? Abs(JsonataEvaluator evaluator, object? input, object?[] args) =>
        args[0] is null ? null : JsonataValues.Number(Math.Abs(Value(args[0])));

    public static object? Floor(JsonataEvaluator evaluator, object? input, object?[] args) =>
        args[0] is null ? null : JsonataValues.Number(Math.Floor(Value(args[0])));

    public static object? Ceil(JsonataEvaluator evaluator, object? input, object?[] args) =>
        args[0] is null ? null : JsonataValues.Number(Math.Ceiling(Value(args[0])));

    public static object? RoundFunction(JsonataEvaluator evaluator, object? input, object?[] args)
    {
        if (args[0] is null)
            return null;
        var precision = args.Length > 1 && args[1] is JsonNumber p ? p.Value : 0;
        return JsonataValues.Number(Round(Value(args[0]), precision));
    }

    /// <summary>Rounds half to even at <paramref name="precision"/> decimal places, shifting through the decimal text as JSONata does.</summary>
    public static double Round(double value, double precision)
    {
        var arg = value;
        if (precision != 0)
            arg = Shift(arg, precision);
        var result = Math.Floor(arg + 0.5);
        var diff = result - arg;
        if (Math.Abs(diff) == 0.5 && Math.Abs(result % 2) == 1)
            result -= 1;
        if (precision != 0)
            result = Shift(result, -precision);
        return result == 0 ? 0 : result;
    }

    private static double Shift(double value, double places)
    {
        var text = JsNumber.ToString(value);
        var e = text.IndexOf('e', StringComparison.Ordinal);
        var mantissa = e >= 0 ? text[..e] : text;
        var exponent = e >= 0 ? double.Parse(text[(e + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture) : 0;
        return double.Parse(mantissa + "e" + (exponent + places).ToString(CultureInfo.InvariantCulture), NumberStyles.Float, CultureInfo.InvariantCulture);
    }

    public static object? Sqrt(JsonataEvaluator evaluator, object? input, object?[] args)
    {
        if (args[0] is null)
            return null;
        var value = Value(args[0]);
        if (value < 0)
            throw new JsonataRuntimeException("D3060", args[0], index: 1);
        return JsonataValues.Number(Math.Sqrt(value));
    }

    public static object? Power(JsonataEvaluator evaluator, object? input, object?[] args)
    {
        if (args[0] is null)
            return null;
        var result = Math.Pow(Value(args[0]), Value(args[1]));
        if (!double.IsFinite(result))
            throw new JsonataRuntimeException("D3061", args[0], args[1], index: 1);
        return JsonNumber.From(result);
    }

    public static object? FormatBase(JsonataEvaluator evaluator, object? input, object?[] args)
    {
        if (args[0] is null)
            return null;
        var value = Round(Value(args[0]), 0);
        var radix = args.Length > 1 && args[1] is JsonNumber r ? Round(r.Value, 0) : 10;
        if (radix is < 2 or > 36)
            throw new JsonataRuntimeException("D3100", JsonNumber.From(radix));
        return JsonString.From(ToRadix(value, (int)radix));
    }

    private static string ToRadix(double value, int radix)
    {
        const string Digits = "0123456789abcdefghijklmnopqrstuvwxyz";
        if (value == 0)
            return "0";
        var negative = value < 0;
        var n = Math.Abs(value);
        var chars = new List<char>();
        while (n >= 1)
        {
            var digit = (int)(n % radix);
            chars.Add(Digits[digit]);
            n = Math.Floor(n / radix);
        }

        if (negative)
            chars.Add('-');
        chars.Reverse();
        return new string([.. chars]);
    }
}
