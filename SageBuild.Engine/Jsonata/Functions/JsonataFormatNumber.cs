using System.Globalization;
using System.Text;
using SageBuild.Engine.Jsonata.Runtime;
using SageBuild.StateMachines.Json;

namespace SageBuild.Engine.Jsonata.Functions;

/// <summary><c>$formatNumber</c>: the XPath F&amp;O 3.1 format-number picture language, with JSONata's checks and rounding.</summary>
internal static class JsonataFormatNumber
{
    private sealed record Parts(string Prefix, string Suffix, string ActivePart, string MantissaPart, string? ExponentPart, string IntegerPart, string FractionalPart, string SubPicture);

    private sealed class Picture
    {
        public List<int> IntegerGroupingPositions = [];
        public int RegularGrouping;
        public int MinimumIntegerPartSize;
        public int ScalingFactor;
        public string Prefix = "";
        public List<int> FractionalGroupingPositions = [];
        public int MinimumFractionalPartSize;
        public int MaximumFractionalPartSize;
        public int MinimumExponentSize;
        public string Suffix = "";
        public string Text = "";
    }

    public static object? Format(JsonataEvaluator evaluator, object? input, object?[] args)
    {
        if (args[0] is not JsonNumber number)
            return null;
        var picture = ((JsonString)args[1]!).Value;
        var properties = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["decimal-separator"] = ".", ["grouping-separator"] = ",", ["exponent-separator"] = "e", ["infinity"] = "Infinity",
            ["minus-sign"] = "-", ["NaN"] = "NaN", ["percent"] = "%", ["per-mille"] = "\u2030", ["zero-digit"] = "0",
            ["digit"] = "#", ["pattern-separator"] = ";",
        };
        if (args.Length > 2 && args[2] is { } options)
        {
            foreach (var (key, value) in JsonataValues.Properties(options))
            {
                if (value is JsonString s)
                    properties[key] = s.Value;
            }
        }

        return JsonString.From(Format(number.Value, picture, properties));
    }

    private static string Format(double value, string picture, Dictionary<string, string> p)
    {
        var zero = p["zero-digit"][0];
        var digits = Enumerable.Range(0, 10).Select(i => (char)(zero + i)).ToArray();
        var decimalSeparator = p["decimal-separator"];
        var groupingSeparator = p["grouping-separator"];
        var exponentSeparator = p["exponent-separator"];
        var digit = p["digit"];
        var patternSeparator = p["pattern-separator"];
        var percent = p["percent"];
        var perMille = p["per-mille"];
        var active = new HashSet<string>(digits.Select(d => d.ToString()), StringComparer.Ordinal)
        {
            decimalSeparator, exponentSeparator, groupingSeparator, digit, patternSeparator,
        };
        bool IsDigit(char c) => Array.IndexOf(digits, c) >= 0;
        bool IsActive(char c) => active.Contains(c.ToString());

        var subPictures = picture.Split(patternSeparator);
        if (subPictures.Length > 2)
            throw new JsonataRuntimeException("D3080");

        Parts Split(string sub)
        {
            var prefix = "";
            for (var i = 0; i < sub.Length; i++)
            {
                if (IsActive(sub[i]) && sub[i].ToString() != exponentSeparator)
                {
                    prefix = sub[..i];
                    break;
                }
            }

            var suffix = "";
            for (var i = sub.Length - 1; i >= 0; i--)
            {
                if (IsActive(sub[i]) && sub[i].ToString() != exponentSeparator)
                {
                    suffix = sub[(i + 1)..];
                    break;
                }
            }

            var activePart = sub.Substring(prefix.Length, Math.Max(0, sub.Length - suffix.Length - prefix.Length));
            string mantissa;
            string? exponent;
            var exponentPosition = sub.IndexOf(exponentSeparator, prefix.Length, StringComparison.Ordinal);
            if (exponentPosition == -1 || exponentPosition > sub.Length - suffix.Length)
            {
                mantissa = activePart;
                exponent = null;
            }
            else
            {
                mantissa = activePart[..Math.Min(exponentPosition, activePart.Length)];
                exponent = exponentPosition + 1 <= activePart.Length ? activePart[(exponentPosition + 1)..] : "";
            }

            var decimalPosition = mantissa.IndexOf(decimalSeparator, StringComparison.Ordinal);
            return decimalPosition == -1
                ? new Parts(prefix, suffix, activePart, mantissa, exponent, mantissa, suffix, sub)
                : new Parts(prefix, suffix, activePart, mantissa, exponent, mantissa[..decimalPosition], mantissa[(decimalPosition + 1)..], sub);
        }

        void Validate(Parts parts)
        {
            string? error = null;
            var sub = parts.SubPicture;
            var decimalPos = sub.IndexOf(decimalSeparator, StringComparison.Ordinal);
            if (decimalPos != sub.LastIndexOf(decimalSeparator, StringComparison.Ordinal))
                error = "D3081";
            if (sub.IndexOf(percent, StringComparison.Ordinal) != sub.LastIndexOf(percent, StringComparison.Ordinal))
                error = "D3082";
            if (sub.IndexOf(perMille, StringComparison.Ordinal) != sub.LastIndexOf(perMille, StringComparison.Ordinal))
                error = "D3083";
            if (sub.Contains(percent, StringComparison.Ordinal) && sub.Contains(perMille, StringComparison.Ordinal))
                error = "D3084";
            if (!parts.MantissaPart.Any(c => IsDigit(c) || c.ToString() == digit))
                error = "D3085";
            if (parts.ActivePart.Any(c => !IsActive(c)))
                error = "D3086";
            if (decimalPos != -1)
            {
                if ((decimalPos > 0 && sub[decimalPos - 1].ToString() == groupingSeparator)
                    || (decimalPos + 1 < sub.Length && sub[decimalPos + 1].ToString() == groupingSeparator))
                    error = "D3087";
            }
            else if (parts.IntegerPart.Length > 0 && parts.IntegerPart[^1].ToString() == groupingSeparator)
            {
                error = "D3088";
            }

            if (sub.Contains(groupingSeparator + groupingSeparator, StringComparison.Ordinal))
                error = "D3089";
            var optional = parts.IntegerPart.IndexOf(digit, StringComparison.Ordinal);
            if (optional != -1 && parts.IntegerPart[..optional].Any(IsDigit))
                error = "D3090";
            optional = parts.FractionalPart.LastIndexOf(digit, StringComparison.Ordinal);
            if (optional != -1 && parts.FractionalPart[optional..].Any(IsDigit))
                error = "D3091";
            var hasExponent = parts.ExponentPart is not null;
            if (hasExponent && parts.ExponentPart!.Length > 0 && (sub.Contains(percent, StringComparison.Ordinal) || sub.Contains(perMille, StringComparison.Ordinal)))
                error = "D3092";
            if (hasExponent && (parts.ExponentPart!.Length == 0 || parts.ExponentPart.Any(c => !IsDigit(c))))
                error = "D3093";
            if (error is not null)
                throw new JsonataRuntimeException(error);
        }

        List<int> GroupingPositions(Parts parts, string part, bool toLeft)
        {
            var positions = new List<int>();
            var position = part.IndexOf(groupingSeparator, StringComparison.Ordinal);
            while (position != -1)
            {
                var chars = toLeft ? part[..position] : part[position..];
                positions.Add(chars.Count(c => IsDigit(c) || c.ToString() == digit));
                position = parts.IntegerPart.IndexOf(groupingSeparator, position + 1, StringComparison.Ordinal);
            }

            return positions;
        }

        static int Regular(List<int> indexes)
        {
            if (indexes.Count == 0)
                return 0;
            static int Gcd(int a, int b) => b == 0 ? a : Gcd(b, a % b);
            var factor = indexes.Aggregate(Gcd);
            for (var index = 1; index <= indexes.Count; index++)
            {
                if (!indexes.Contains(index * factor))
                    return 0;
            }

            return factor;
        }

        Picture Analyse(Parts parts)
        {
            var picture = new Picture
            {
                IntegerGroupingPositions = GroupingPositions(parts, parts.IntegerPart, false),
                FractionalGroupingPositions = GroupingPositions(parts, parts.FractionalPart, true),
                Prefix = parts.Prefix,
                Suffix = parts.Suffix,
                Text = parts.SubPicture,
            };
            picture.RegularGrouping = Regular(picture.IntegerGroupingPositions);
            picture.MinimumIntegerPartSize = parts.IntegerPart.Count(IsDigit);
            picture.ScalingFactor = picture.MinimumIntegerPartSize;
            picture.MinimumFractionalPartSize = parts.FractionalPart.Count(IsDigit);
            picture.MaximumFractionalPartSize = parts.FractionalPart.Count(c => IsDigit(c) || c.ToString() == digit);
            var exponentPresent = parts.ExponentPart is not null;
            if (picture.MinimumIntegerPartSize == 0 && picture.MaximumFractionalPartSize == 0)
            {
                if (exponentPresent)
                {
                    picture.MinimumFractionalPartSize = 1;
                    picture.MaximumFractionalPartSize = 1;
                }
                else
                {
                    picture.MinimumIntegerPartSize = 1;
                }
            }

            if (exponentPresent && picture.MinimumIntegerPartSize == 0 && parts.IntegerPart.Contains(digit, StringComparison.Ordinal))
                picture.MinimumIntegerPartSize = 1;
            if (picture.MinimumIntegerPartSize == 0 && picture.MinimumFractionalPartSize == 0)
                picture.MinimumFractionalPartSize = 1;
            if (exponentPresent)
                picture.MinimumExponentSize = parts.ExponentPart!.Count(IsDigit);
            return picture;
        }

        var split = subPictures.Select(Split).ToList();
        split.ForEach(Validate);
        var pictures = split.Select(Analyse).ToList();
        var minus = p["minus-sign"];
        if (pictures.Count == 1)
        {
            var negative = Analyse(split[0]);
            negative.Prefix = minus + negative.Prefix;
            pictures.Add(negative);
        }

        var pic = value >= 0 ? pictures[0] : pictures[1];
        var adjusted = pic.Text.Contains(percent, StringComparison.Ordinal) ? value * 100
            : pic.Text.Contains(perMille, StringComparison.Ordinal) ? value * 1000
            : value;
        double mantissa;
        int? exponent = null;
        if (pic.MinimumExponentSize == 0)
        {
            mantissa = adjusted;
        }
        else
        {
            var maxMantissa = Math.Pow(10, pic.ScalingFactor);
            var minMantissa = Math.Pow(10, pic.ScalingFactor - 1);
            mantissa = adjusted;
            var e = 0;
            if (mantissa != 0)
            {
                while (Math.Abs(mantissa) < minMantissa)
                {
                    mantissa *= 10;
                    e--;
                }

                while (Math.Abs(mantissa) > maxMantissa)
                {
                    mantissa /= 10;
                    e++;
                }
            }

            exponent = e;
        }

        var rounded = JsonataNumericFunctions.Round(mantissa, pic.MaximumFractionalPartSize);
        string MakeString(double v, int dp)
        {
            var text = Math.Abs(v).ToString("F" + dp.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
            if (zero != '0')
                text = new string(text.Select(c => c is >= '0' and <= '9' ? digits[c - '0'] : c).ToArray());
            return text;
        }

        var zeroText = zero.ToString();
        var s = MakeString(rounded, pic.MaximumFractionalPartSize);
        var dot = s.IndexOf('.', StringComparison.Ordinal);
        s = dot == -1 ? s + decimalSeparator : s[..dot] + decimalSeparator + s[(dot + 1)..];
        while (s.StartsWith(zeroText, StringComparison.Ordinal))
            s = s[1..];
        while (s.EndsWith(zeroText, StringComparison.Ordinal))
            s = s[..^1];
        var decimalIndex = s.IndexOf(decimalSeparator, StringComparison.Ordinal);
        var padLeft = pic.MinimumIntegerPartSize - decimalIndex;
        var padRight = pic.MinimumFractionalPartSize - (s.Length - decimalIndex - 1);
        s = (padLeft > 0 ? new string(zero, padLeft) : "") + s + (padRight > 0 ? new string(zero, padRight) : "");
        decimalIndex = s.IndexOf(decimalSeparator, StringComparison.Ordinal);
        if (pic.RegularGrouping > 0)
        {
            var groupCount = (decimalIndex - 1) / pic.RegularGrouping;
            for (var group = 1; group <= groupCount; group++)
            {
                s = Insert(s, decimalIndex - (group * pic.RegularGrouping), groupingSeparator);
            }
        }
        else
        {
            foreach (var position in pic.IntegerGroupingPositions)
            {
                s = Insert(s, decimalIndex - position, groupingSeparator);
                decimalIndex++;
            }
        }

        decimalIndex = s.IndexOf(decimalSeparator, StringComparison.Ordinal);
        foreach (var position in pic.FractionalGroupingPositions)
        {
            s = Insert(s, position + decimalIndex + 1, groupingSeparator);
        }

        decimalIndex = s.IndexOf(decimalSeparator, StringComparison.Ordinal);
        if (!pic.Text.Contains(decimalSeparator, StringComparison.Ordinal) || decimalIndex == s.Length - 1)
            s = s[..^1];
        if (exponent is { } exp)
        {
            var exponentText = MakeString(exp, 0);
            var pad = pic.MinimumExponentSize - exponentText.Length;
            if (pad > 0)
                exponentText = new string(zero, pad) + exponentText;
            s = s + exponentSeparator + (exp < 0 ? minus : "") + exponentText;
        }

        var result = new StringBuilder(pic.Prefix).Append(s).Append(pic.Suffix);
        return result.ToString();
    }

    /// <summary>JavaScript's <c>s.slice(0, at) + text + s.slice(at)</c>: a negative position counts from the end.</summary>
    private static string Insert(string s, int at, string text)
    {
        var position = at < 0 ? Math.Max(s.Length + at, 0) : Math.Min(at, s.Length);
        return s[..position] + text + s[position..];
    }
}
