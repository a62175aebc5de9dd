using System.Globalization;
using System.Text;
using SageBuild.Engine.Jsonata.Runtime;
using SageBuild.StateMachines.Json;

namespace SageBuild.Engine.Jsonata.Functions;

/// <summary>
/// <c>$formatInteger</c> and <c>$parseInteger</c>: the XPath integer picture language (decimal digit patterns with
/// grouping, <c>a</c>/<c>A</c> letters, <c>i</c>/<c>I</c> roman numerals, <c>w</c>/<c>W</c>/<c>Ww</c> English words,
/// and the <c>;o</c> ordinal modifier). The date/time pictures use the same formats.
/// </summary>
internal static class JsonataIntegerFormat
{
    internal enum Primary
    {
        Decimal,
        Letters,
        Roman,
        Words,
        Sequence,
    }

    internal enum Case
    {
        Lower,
        Upper,
        Title,
    }

    internal sealed class Format
    {
        public Primary Primary = Primary.Decimal;
        public Case Case = Case.Lower;
        public bool Ordinal;
        public int ZeroCode = '0';
        public int MandatoryDigits;
        public int OptionalDigits;
        public bool Regular;
        public List<(int Position, string Character)> GroupingSeparators = [];
        public string Token = "";
    }

    private static readonly string[] Few = ["Zero", "One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine", "Ten",
        "Eleven", "Twelve", "Thirteen", "Fourteen", "Fifteen", "Sixteen", "Seventeen", "Eighteen", "Nineteen"];

    private static readonly string[] Ordinals = ["Zeroth", "First", "Second", "Third", "Fourth", "Fifth", "Sixth", "Seventh", "Eighth", "Ninth", "Tenth",
        "Eleventh", "Twelfth", "Thirteenth", "Fourteenth", "Fifteenth", "Sixteenth", "Seventeenth", "Eighteenth", "Nineteenth"];

    private static readonly string[] Decades = ["Twenty", "Thirty", "Forty", "Fifty", "Sixty", "Seventy", "Eighty", "Ninety", "Hundred"];

    private static readonly string[] Magnitudes = ["Thousand", "Million", "Billion", "Trillion"];

    private static readonly (int Value, string Numeral)[] RomanNumerals =
    [
        (1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"),
    ];

    private static readonly int[] DecimalGroups =
    [
        0x30, 0x0660, 0x06F0, 0x07C0, 0x0966, 0x09E6, 0x0A66, 0x0AE6, 0x0B66, 0x0BE6, 0x0C66, 0x0CE6, 0x0D66, 0x0DE6, 0x0E50, 0x0ED0, 0x0F20,
        0x1040, 0x1090, 0x17E0, 0x1810, 0x1946, 0x19D0, 0x1A80, 0x1A90, 0x1B50, 0x1BB0, 0x1C40, 0x1C50, 0xA620, 0xA8D0, 0xA900, 0xA9D0,
        0xA9F0, 0xAA50, 0xABF0, 0xFF10,
    ];

    public static object? FormatInteger(JsonataEvaluator evaluator, object? input, object?[] args)
    {
        if (args[0] is not JsonNumber number)
            return null;
        return JsonString.From(FormatValue((long)Math.Floor(number.Value), Analyse(((JsonString)args[1]!).Value)));
    }

    public static object? ParseInteger(JsonataEvaluator evaluator, object? input, object?[] args)
    {
        if (args[0] is not JsonString text)
            return null;
        var format = Analyse(((JsonString)args[1]!).Value);
        return JsonataValues.Number(Parse(text.Value, format));
    }

    public static Format Analyse(string picture)
    {
        var format = new Format();
        var primary = picture;
        var semicolon = picture.LastIndexOf(';');
        if (semicolon != -1)
        {
            primary = picture[..semicolon];
            var modifier = picture[(semicolon + 1)..];
            if (modifier.StartsWith('o'))
                format.Ordinal = true;
        }

        switch (primary)
        {
            case "A":
                format.Case = Case.Upper;
                format.Primary = Primary.Letters;
                return format;
            case "a":
                format.Primary = Primary.Letters;
                return format;
            case "I":
                format.Case = Case.Upper;
                format.Primary = Primary.Roman;
                return format;
            case "i":
                format.Primary = Primary.Roman;
                return format;
            case "W":
                format.Case = Case.Upper;
                format.Primary = Primary.Words;
                return format;
            case "Ww":
                format.Case = Case.Title;
                format.Primary = Primary.Words;
                return format;
            case "w":
                format.Primary = Primary.Words;
                return format;
        }

        int? zeroCode = null;
        var separatorPosition = 0;
        var codePoints = new List<int>();
        for (var i = 0; i < primary.Length; i += char.IsSurrogatePair(primary, i) ? 2 : 1)
            codePoints.Add(char.ConvertToUtf32(primary, i));
        codePoints.Reverse();
        foreach (var codePoint in codePoints)
        {
            var group = DecimalGroups.FirstOrDefault(g => codePoint >= g && codePoint <= g + 9, -1);
            if (group >= 0)
            {
                format.MandatoryDigits++;
                separatorPosition++;
                if (zeroCode is null)
                    zeroCode = group;
                else if (group != zeroCode)
                    throw new JsonataRuntimeException("D3131");
            }
            else if (codePoint == '#')
            {
                separatorPosition++;
                format.OptionalDigits++;
            }
            else
            {
                format.GroupingSeparators.Add((separatorPosition, char.ConvertFromUtf32(codePoint)));
            }
        }

        if (format.MandatoryDigits == 0)
        {
            format.Primary = Primary.Sequence;
            format.Token = primary;
            return format;
        }

        format.ZeroCode = zeroCode ?? '0';
        var regular = RegularRepeat(format.GroupingSeparators);
        if (regular > 0)
        {
            format.Regular = true;
            format.GroupingSeparators = [(regular, format.GroupingSeparators[0].Character)];
        }

        return format;
    }

    private static int RegularRepeat(List<(int Position, string Character)> separators)
    {
        if (separators.Count == 0 || separators.Any(s => s.Character != separators[0].Character))
            return 0;
        static int Gcd(int a, int b) => b == 0 ? a : Gcd(b, a % b);
        var indexes = separators.Select(s => s.Position).ToList();
        var factor = indexes.Aggregate(Gcd);
        for (var index = 1; index <= indexes.Count; index++)
        {
            if (!indexes.Contains(index * factor))
                return 0;
        }

        return factor;
    }

    public static string FormatValue(long value, Format format)
    {
        var negative = value < 0;
        value = Math.Abs(value);
        string result;
        switch (format.Primary)
        {
            case Primary.Letters:
                result = ToLetters(value, format.Case == Case.Upper ? 'A' : 'a');
                break;
            case Primary.Roman:
                result = ToRoman(value);
                if (format.Case == Case.Upper)
                    result = result.ToUpperInvariant();
                break;
            case Primary.Words:
                result = ToWords(value, format.Ordinal);
                if (format.Case == Case.Upper)
                    result = result.ToUpperInvariant();
                else if (format.Case == Case.Lower)
                    result = result.ToLowerInvariant();
                break;
            case Primary.Decimal:
                result = value.ToString(CultureInfo.InvariantCulture);
                if (format.MandatoryDigits > result.Length)
                    result = new string('0', format.MandatoryDigits - result.Length) + result;
                if (format.ZeroCode != '0')
                    result = string.Concat(result.Select(c => char.ConvertFromUtf32(c - '0' + format.ZeroCode)));
                if (format.Regular)
                {
                    var (position, character) = format.GroupingSeparators[0];
                    var n = (result.Length - 1) / position;
                    for (var i = n; i > 0; i--)
                    {
                        var at = result.Length - (i * position);
                        result = result[..at] + character + result[at..];
                    }
                }
                else
                {
                    foreach (var (position, character) in Enumerable.Reverse(format.GroupingSeparators))
                    {
                        var at = result.Length - position;
                        if (at >= 0 && at <= result.Length)
                            result = result[..at] + character + result[at..];
                    }
                }

                if (format.Ordinal)
                {
                    var last = result[^1];
                    var suffix = last switch { '1' => "st", '2' => "nd", '3' => "rd", _ => "th" };
                    if (result.Length > 1 && result[^2] == '1')
                        suffix = "th";
                    result += suffix;
                }

                break;
            default:
                throw new JsonataRuntimeException("D3130", JsonString.From(format.Token));
        }

        return negative ? "-" + result : result;
    }

    private static string ToLetters(long value, char a)
    {
        var letters = new StringBuilder();
        while (value > 0)
        {
            letters.Insert(0, (char)(((value - 1) % 26) + a));
            value = (value - 1) / 26;
        }

        return letters.ToString();
    }

    private static string ToRoman(long value)
    {
        var result = new StringBuilder();
        foreach (var (number, numeral) in RomanNumerals)
        {
            while (value >= number)
            {
                result.Append(numeral);
                value -= number;
            }
        }

        return result.ToString();
    }

    public static string ToWords(long value, bool ordinal) => Words(value, false, ordinal);

    private static string Words(long num, bool previous, bool ordinal)
    {
        string words;
        if (num <= 19)
        {
            words = (previous ? " and " : "") + (ordinal ? Ordinals[num] : Few[num]);
        }
        else if (num < 100)
        {
            var tens = (int)(num / 10);
            var remainder = num % 10;
            words = (previous ? " and " : "") + Decades[tens - 2];
            if (remainder > 0)
                words += "-" + Words(remainder, false, ordinal);
            else if (ordinal)
                words = words[..^1] + "ieth";
        }
        else if (num < 1000)
        {
            var hundreds = num / 100;
            var remainder = num % 100;
            words = (previous ? ", " : "") + Few[hundreds] + " Hundred";
            if (remainder > 0)
                words += Words(remainder, true, ordinal);
            else if (ordinal)
                words += "th";
        }
        else
        {
            var magnitude = (int)Math.Floor(Math.Log10(num) / 3);
            if (magnitude > Magnitudes.Length)
                magnitude = Magnitudes.Length;
            var factor = (long)Math.Pow(10, magnitude * 3);
            var mantissa = num / factor;
            var remainder = num - (mantissa * factor);
            words = (previous ? ", " : "") + Words(mantissa, false, false) + " " + Magnitudes[magnitude - 1];
            if (remainder > 0)
                words += Words(remainder, true, ordinal);
            else if (ordinal)
                words += "th";
        }

        return words;
    }

    private static readonly Lazy<Dictionary<string, long>> WordValues = new(() =>
    {
        var values = new Dictionary<string, long>(StringComparer.Ordinal);
        for (var i = 0; i < Few.Length; i++)
        {
            values[Few[i].ToLowerInvariant()] = i;
            values[Ordinals[i].ToLowerInvariant()] = i;
        }

        for (var i = 0; i < Decades.Length; i++)
        {
            var word = Decades[i].ToLowerInvariant();
            values[word] = (i + 2) * 10;
            values[word[..^1] + "ieth"] = (i + 2) * 10;
        }

        values["hundredth"] = 100;
        for (var i = 0; i < Magnitudes.Length; i++)
        {
            var word = Magnitudes[i].ToLowerInvariant();
            var value = (long)Math.Pow(10, (i + 1) * 3);
            values[word] = value;
            values[word + "th"] = value;
        }

        return values;
    });

    public static double Parse(string text, Format format)
    {
        switch (format.Primary)
        {
            case Primary.Letters:
                var a = format.Case == Case.Upper ? 'A' : 'a';
                double letters = 0;
                for (var i = 0; i < text.Length; i++)
                    letters += (text[text.Length - i - 1] - a + 1) * Math.Pow(26, i);
                return letters;
            case Primary.Roman:
                var roman = text.ToUpperInvariant();
                double decimalValue = 0;
                var max = 1;
                for (var i = roman.Length - 1; i >= 0; i--)
                {
                    var v = roman[i] switch { 'M' => 1000, 'D' => 500, 'C' => 100, 'L' => 50, 'X' => 10, 'V' => 5, 'I' => 1, _ => 0 };
                    if (v < max)
                    {
                        decimalValue -= v;
                    }
                    else
                    {
                        max = v;
                        decimalValue += v;
                    }
                }

                return decimalValue;
            case Primary.Words:
                var parts = System.Text.RegularExpressions.Regex.Split(text.ToLowerInvariant(), @",\s|\sand\s|[\s\\-]");
                var segments = new List<double> { 0 };
                foreach (var part in parts)
                {
                    if (!WordValues.Value.TryGetValue(part, out var value))
                        return double.NaN;
                    if (value < 100)
                    {
                        var top = segments[^1];
                        segments.RemoveAt(segments.Count - 1);
                        if (top >= 1000)
                        {
                            segments.Add(top);
                            top = 0;
                        }

                        segments.Add(top + value);
                    }
                    else
                    {
                        var top = segments[^1];
                        segments[^1] = top * value;
                    }
                }

                return segments.Sum();
            case Primary.Decimal:
                var digits = new StringBuilder();
                foreach (var c in text)
                {
                    if (c >= format.ZeroCode && c <= format.ZeroCode + 9)
                        digits.Append((char)('0' + (c - format.ZeroCode)));
                    else if (c == '-' && digits.Length == 0)
                        digits.Append('-');
                }

                return digits.Length == 0 ? double.NaN : double.Parse(digits.ToString(), CultureInfo.InvariantCulture);
            default:
                throw new JsonataRuntimeException("D3130", JsonString.From(format.Token));
        }
    }
}
