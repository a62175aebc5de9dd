using System.Globalization;
using System.Text;

namespace SageBuild.Engine.Jsonata.Runtime;

/// <summary>Formats doubles exactly as JavaScript's <c>Number.prototype.toString</c> does, which JSONata's output follows.</summary>
internal static class JsNumber
{
    public static string ToString(double value)
    {
        if (double.IsNaN(value))
            return "NaN";
        if (double.IsPositiveInfinity(value))
            return "Infinity";
        if (double.IsNegativeInfinity(value))
            return "-Infinity";
        if (value == 0)
            return "0";
        var negative = value < 0;
        // "R" gives the shortest digits that round-trip, which is what ECMAScript requires.
        var shortest = Math.Abs(value).ToString("R", CultureInfo.InvariantCulture);
        var (digits, exponent) = Decompose(shortest);
        var k = digits.Length;
        var n = exponent; // the decimal point sits after n digits
        var result = new StringBuilder();
        if (negative)
            result.Append('-');
        if (k <= n && n <= 21)
        {
            result.Append(digits).Append('0', n - k);
        }
        else if (0 < n && n <= 21)
        {
            result.Append(digits, 0, n).Append('.').Append(digits, n, k - n);
        }
        else if (-6 < n && n <= 0)
        {
            result.Append("0.").Append('0', -n).Append(digits);
        }
        else
        {
            var e = n - 1;
            result.Append(digits[0]);
            if (k > 1)
                result.Append('.').Append(digits, 1, k - 1);
            result.Append('e').Append(e < 0 ? '-' : '+').Append(Math.Abs(e).ToString(CultureInfo.InvariantCulture));
        }

        return result.ToString();
    }

    /// <summary>JavaScript's <c>Number(x.toPrecision(15))</c>: rounds away binary noise such as 0.1 + 0.2.</summary>
    public static double ToPrecision15(double value) =>
        double.Parse(value.ToString("G15", CultureInfo.InvariantCulture), NumberStyles.Float, CultureInfo.InvariantCulture);

    private static (string Digits, int Exponent) Decompose(string text)
    {
        // text is like "123.45", "1E-07", "1.2345E+21"
        var e = text.IndexOfAny(['E', 'e']);
        var mantissa = e >= 0 ? text[..e] : text;
        var exponent = e >= 0 ? int.Parse(text[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture) : 0;
        var point = mantissa.IndexOf('.', StringComparison.Ordinal);
        var integerPart = point >= 0 ? mantissa[..point] : mantissa;
        var fraction = point >= 0 ? mantissa[(point + 1)..] : "";
        var digits = (integerPart + fraction).TrimStart('0');
        var leadingZeros = (integerPart + fraction).Length - digits.Length;
        var n = integerPart.Length + exponent - leadingZeros;
        digits = digits.TrimEnd('0');
        if (digits.Length == 0)
            return ("0", 1);
        return (digits, n);
    }
}
