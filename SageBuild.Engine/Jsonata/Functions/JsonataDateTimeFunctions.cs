using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using SageBuild.Engine.Jsonata.Runtime;
using SageBuild.StateMachines.Json;

namespace SageBuild.Engine.Jsonata.Functions;

/// <summary>
/// <c>$now $millis $fromMillis $toMillis</c> with XPath date/time picture strings. The current time comes from the
/// evaluation's clock, read once per evaluation.
/// </summary>
internal static partial class JsonataDateTimeFunctions
{
    private const string Iso8601Picture = "[Y0001]-[M01]-[D01]T[H01]:[m01]:[s01].[f001][Z01:01t]";

    private static readonly string[] Days = ["", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
    private static readonly string[] Months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

    private static readonly Dictionary<char, string> DefaultPresentation = new()
    {
        ['Y'] = "1", ['M'] = "1", ['D'] = "1", ['d'] = "1", ['F'] = "n", ['W'] = "1", ['w'] = "1", ['X'] = "1", ['x'] = "1",
        ['H'] = "1", ['h'] = "1", ['P'] = "n", ['m'] = "01", ['s'] = "01", ['f'] = "1", ['Z'] = "01:01", ['z'] = "01:01", ['C'] = "n", ['E'] = "n",
    };

    [GeneratedRegex(@"^\d{4}(-[01]\d)*(-[0-3]\d)*(T[0-2]\d:[0-5]\d:[0-5]\d)*(\.\d+)?([+-][0-2]\d:?[0-5]\d|Z)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Iso8601();

    private sealed class Marker
    {
        public char Component;
        public string Presentation1 = "";
        public string? Presentation2;
        public int? MinWidth;
        public int? MaxWidth;
        public JsonataIntegerFormat.Case? Names;
        public JsonataIntegerFormat.Format? IntegerFormat;
        public int YearDigits = -1;
    }

    public static object? Now(JsonataEvaluator evaluator, object? input, object?[] args)
    {
        var picture = args.Length > 0 ? (args[0] as JsonString)?.Value : null;
        var timezone = args.Length > 1 ? (args[1] as JsonString)?.Value : null;
        return JsonString.From(Format(evaluator.Now.ToUnixTimeMilliseconds(), picture, timezone));
    }

    public static object? Millis(JsonataEvaluator evaluator, object? input, object?[] args) =>
        JsonNumber.From(evaluator.Now.ToUnixTimeMilliseconds());

    public static object? FromMillis(JsonataEvaluator evaluator, object? input, object?[] args)
    {
        if (args[0] is not JsonNumber millis)
            return null;
        var picture = args.Length > 1 ? (args[1] as JsonString)?.Value : null;
        var timezone = args.Length > 2 ? (args[2] as JsonString)?.Value : null;
        return JsonString.From(Format((long)millis.Value, picture, timezone));
    }

    public static object? ToMillis(JsonataEvaluator evaluator, object? input, object?[] args)
    {
        if (args[0] is not JsonString timestamp)
            return null;
        var picture = args.Length > 1 ? (args[1] as JsonString)?.Value : null;
        if (picture is null)
        {
            if (!Iso8601().IsMatch(timestamp.Value))
                throw new JsonataRuntimeException("D3110", timestamp);
            return JsonNumber.From(ParseIso(timestamp.Value));
        }

        var parsed = ParseWithPicture(timestamp.Value, picture, evaluator.Now);
        return parsed is { } value ? JsonNumber.From(value) : null;
    }

    private static double ParseIso(string text)
    {
        // Date-only forms are UTC; a date-time without an offset is read as UTC too (the engine runs in UTC).
        var styles = DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal;
        string[] formats =
        [
            "yyyy", "yyyy-MM", "yyyy-MM-dd", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF",
            "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mm:sszzz", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz",
            "yyyy-MM-dd'T'HH:mm:sszz00", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzz00",
        ];
        var normalised = Regex.Replace(text, @"([+-]\d\d)(\d\d)$", "$1:$2");
        if (DateTimeOffset.TryParseExact(normalised, formats, CultureInfo.InvariantCulture, styles, out var result))
            return result.ToUnixTimeMilliseconds();
        throw new JsonataRuntimeException("D3110", JsonString.From(text));
    }

    private static List<object> AnalysePicture(string picture)
    {
        var spec = new List<object>();
        void AddLiteral(int start, int end)
        {
            if (end > start)
                spec.Add(picture[start..end].Replace("]]", "]", StringComparison.Ordinal));
        }

        int begin = 0, position = 0;
        while (position < picture.Length)
        {
            if (picture[position] == '[')
            {
                if (position + 1 < picture.Length && picture[position + 1] == '[')
                {
                    AddLiteral(begin, position);
                    spec.Add("[");
                    position += 2;
                    begin = position;
                    continue;
                }

                AddLiteral(begin, position);
                begin = position;
                position = picture.IndexOf(']', begin);
                if (position == -1)
                    throw new JsonataRuntimeException("D3135");
                var text = Regex.Replace(picture[(begin + 1)..position], @"\s+", "");
                spec.Add(AnalyseMarker(text, spec));
                begin = position + 1;
            }

            position++;
        }

        AddLiteral(begin, position);
        return spec;
    }

    private static Marker AnalyseMarker(string text, List<object> spec)
    {
        var marker = new Marker { Component = text.Length > 0 ? text[0] : ' ' };
        var comma = text.LastIndexOf(',');
        string presentation;
        if (comma != -1)
        {
            var width = text[(comma + 1)..];
            var dash = width.IndexOf('-', StringComparison.Ordinal);
            var min = dash == -1 ? width : width[..dash];
            var max = dash == -1 ? null : width[(dash + 1)..];
            marker.MinWidth = ParseWidth(min);
            marker.MaxWidth = ParseWidth(max);
            presentation = text[1..comma];
        }
        else
        {
            presentation = text.Length > 1 ? text[1..] : "";
        }

        if (presentation.Length == 1)
        {
            marker.Presentation1 = presentation;
        }
        else if (presentation.Length > 1)
        {
            var last = presentation[^1];
            if ("atco".Contains(last, StringComparison.Ordinal))
            {
                marker.Presentation2 = last.ToString();
                marker.Presentation1 = presentation[..^1];
            }
            else
            {
                marker.Presentation1 = presentation;
            }
        }
        else if (DefaultPresentation.TryGetValue(marker.Component, out var defaultPresentation))
        {
            marker.Presentation1 = defaultPresentation;
        }
        else
        {
            throw new JsonataRuntimeException("D3132", JsonString.From(marker.Component.ToString()));
        }

        if (marker.Presentation1[0] == 'n')
        {
            marker.Names = JsonataIntegerFormat.Case.Lower;
        }
        else if (marker.Presentation1[0] == 'N')
        {
            marker.Names = marker.Presentation1.Length > 1 && marker.Presentation1[1] == 'n' ? JsonataIntegerFormat.Case.Title : JsonataIntegerFormat.Case.Upper;
        }
        else if ("YMDdFWwXxHhmsf".Contains(marker.Component, StringComparison.Ordinal))
        {
            var pattern = marker.Presentation1 + (marker.Presentation2 is { } p2 ? ";" + p2 : "");
            marker.IntegerFormat = JsonataIntegerFormat.Analyse(pattern);
            if (marker.MinWidth is { } minWidth && marker.IntegerFormat.MandatoryDigits < minWidth)
                marker.IntegerFormat.MandatoryDigits = minWidth;
            if (marker.Component == 'Y')
            {
                if (marker.MaxWidth is { } maxWidth)
                {
                    marker.YearDigits = maxWidth;
                    marker.IntegerFormat.MandatoryDigits = maxWidth;
                }
                else if (marker.IntegerFormat.MandatoryDigits + marker.IntegerFormat.OptionalDigits >= 2)
                {
                    marker.YearDigits = marker.IntegerFormat.MandatoryDigits + marker.IntegerFormat.OptionalDigits;
                }
            }
        }

        if (marker.Component is 'Z' or 'z')
            marker.IntegerFormat = JsonataIntegerFormat.Analyse(marker.Presentation1);
        _ = spec;
        return marker;
    }

    private static int? ParseWidth(string? text) =>
        text is null or "*" ? null : int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var w) ? w : null;

    public static string Format(long millis, string? picture, string? timezone)
    {
        var offsetHours = 0;
        var offsetMinutes = 0;
        if (timezone is not null && int.TryParse(timezone, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var offset))
        {
            offsetHours = (int)Math.Floor(offset / 100.0);
            offsetMinutes = offset % 100;
        }

        var spec = AnalysePicture(picture ?? Iso8601Picture);
        var date = DateTimeOffset.FromUnixTimeMilliseconds(millis + (((60 * offsetHours) + offsetMinutes) * 60 * 1000L)).UtcDateTime;
        var result = new StringBuilder();
        foreach (var part in spec)
        {
            if (part is string literal)
                result.Append(literal);
            else
                result.Append(FormatComponent(date, (Marker)part, offsetHours, offsetMinutes));
        }

        return result.ToString();
    }

    private static string FormatComponent(DateTime date, Marker marker, int offsetHours, int offsetMinutes)
    {
        var component = marker.Component;
        if ("YMDdFWwXxHhms".Contains(component, StringComparison.Ordinal))
        {
            var value = Fragment(date, component);
            if (component == 'Y' && marker.YearDigits != -1)
                value %= (long)Math.Pow(10, marker.YearDigits);
            if (marker.Names is { } names)
            {
                string name = component switch
                {
                    'M' or 'x' => Months[value - 1],
                    'F' => Days[value],
                    _ => throw new JsonataRuntimeException("D3133", JsonString.From(component.ToString())),
                };
                if (names == JsonataIntegerFormat.Case.Upper)
                    name = name.ToUpperInvariant();
                else if (names == JsonataIntegerFormat.Case.Lower)
                    name = name.ToLowerInvariant();
                if (marker.MaxWidth is { } max && name.Length > max)
                    name = name[..max];
                return name;
            }

            return JsonataIntegerFormat.FormatValue(value, marker.IntegerFormat!);
        }

        switch (component)
        {
            case 'f':
                return JsonataIntegerFormat.FormatValue(date.Millisecond, marker.IntegerFormat!);
            case 'Z' or 'z':
                var offset = (offsetHours * 100) + offsetMinutes;
                string text;
                var format = marker.IntegerFormat!;
                if (format.Regular)
                {
                    text = JsonataIntegerFormat.FormatValue(offset, format);
                }
                else
                {
                    var digits = format.MandatoryDigits;
                    if (digits is 1 or 2)
                    {
                        text = JsonataIntegerFormat.FormatValue(offsetHours, format);
                        if (offsetMinutes != 0)
                            text += ":" + JsonataIntegerFormat.FormatValue(offsetMinutes, JsonataIntegerFormat.Analyse("00"));
                    }
                    else if (digits is 3 or 4)
                    {
                        text = JsonataIntegerFormat.FormatValue(offset, format);
                    }
                    else
                    {
                        throw new JsonataRuntimeException("D3134", JsonNumber.From(digits));
                    }
                }

                if (offset >= 0)
                    text = "+" + text;
                if (component == 'z')
                    text = "GMT" + text;
                if (offset == 0 && marker.Presentation2 == "t")
                    text = "Z";
                return text;
            case 'P':
                var ampm = date.Hour >= 12 ? "pm" : "am";
                return marker.Names == JsonataIntegerFormat.Case.Upper ? ampm.ToUpperInvariant() : ampm;
            case 'C' or 'E':
                return "ISO";
            default:
                throw new JsonataRuntimeException("D3132", JsonString.From(component.ToString()));
        }
    }

    private static long Fragment(DateTime date, char component)
    {
        switch (component)
        {
            case 'Y':
                return date.Year;
            case 'M':
                return date.Month;
            case 'D':
                return date.Day;
            case 'd':
                return date.DayOfYear;
            case 'F':
                return date.DayOfWeek == DayOfWeek.Sunday ? 7 : (int)date.DayOfWeek;
            case 'W':
                return ISOWeek.GetWeekOfYear(date);
            case 'w':
                return WeekOfMonth(date);
            case 'X':
                return ISOWeek.GetYear(date);
            case 'x':
                return IsoMonth(date);
            case 'H':
                return date.Hour;
            case 'h':
                var hour = date.Hour % 12;
                return hour == 0 ? 12 : hour;
            case 'm':
                return date.Minute;
            case 's':
                return date.Second;
            default:
                return 0;
        }
    }

    /// <summary>Start of week 1 of a month or year: the Monday of the week holding its first Thursday.</summary>
    private static DateTime StartOfFirstWeek(int year, int month)
    {
        var first = new DateTime(year, month, 1, 0, 0, 0, DateTimeKind.Utc);
        var day = first.DayOfWeek == DayOfWeek.Sunday ? 7 : (int)first.DayOfWeek;
        return day > 4 ? first.AddDays(8 - day) : first.AddDays(-(day - 1));
    }

    private static long WeekOfMonth(DateTime date)
    {
        var today = date.Date;
        var start = StartOfFirstWeek(date.Year, date.Month);
        var week = ((today - start).TotalDays / 7) + 1;
        if (week > 4)
        {
            var next = date.Month == 12 ? StartOfFirstWeek(date.Year + 1, 1) : StartOfFirstWeek(date.Year, date.Month + 1);
            if (today >= next)
                week = 1;
        }
        else if (week < 1)
        {
            var previous = date.Month == 1 ? StartOfFirstWeek(date.Year - 1, 12) : StartOfFirstWeek(date.Year, date.Month - 1);
            week = ((today - previous).TotalDays / 7) + 1;
        }

        return (long)Math.Floor(week);
    }

    private static long IsoMonth(DateTime date)
    {
        var start = StartOfFirstWeek(date.Year, date.Month);
        var next = date.Month == 12 ? StartOfFirstWeek(date.Year + 1, 1) : StartOfFirstWeek(date.Year, date.Month + 1);
        if (date < start)
            return date.Month == 1 ? 12 : date.Month - 1;
        if (date >= next)
            return date.Month == 12 ? 1 : date.Month + 1;
        return date.Month;
    }

    /// <summary>Parses <paramref name="text"/> against a picture: numeric components, month and day names, am/pm and offsets.</summary>
    private static double? ParseWithPicture(string text, string picture, DateTimeOffset now)
    {
        var spec = AnalysePicture(picture);
        var pattern = new StringBuilder("^");
        var markers = new List<Marker>();
        for (var i = 0; i < spec.Count; i++)
        {
            if (spec[i] is string literal)
            {
                pattern.Append(Regex.Escape(literal));
                continue;
            }

            var marker = (Marker)spec[i];
            markers.Add(marker);
            var nextIsNumber = i + 1 < spec.Count && spec[i + 1] is Marker { IntegerFormat: not null, Names: null };
            pattern.Append('(').Append(MarkerPattern(marker, nextIsNumber)).Append(')');
        }

        pattern.Append('$');
        var match = Regex.Match(text, pattern.ToString(), RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);
        if (!match.Success)
            return null;

        long? year = null, month = null, day = null, dayOfYear = null, hour = null, minute = null, second = null, millisecond = null;
        bool? pm = null;
        var offsetMinutes = 0;
        for (var m = 0; m < markers.Count; m++)
        {
            var marker = markers[m];
            var value = match.Groups[m + 1].Value;
            switch (marker.Component)
            {
                case 'Y': year = (long)ParseNumber(value, marker); break;
                case 'M':
                    month = marker.Names is not null ? Array.FindIndex(Months, n => n.StartsWith(value, StringComparison.OrdinalIgnoreCase)) + 1 : (long)ParseNumber(value, marker);
                    break;
                case 'D': day = (long)ParseNumber(value, marker); break;
                case 'd': dayOfYear = (long)ParseNumber(value, marker); break;
                case 'H': hour = (long)ParseNumber(value, marker); break;
                case 'h': hour = (long)ParseNumber(value, marker) % 12; break;
                case 'P': pm = value.Equals("pm", StringComparison.OrdinalIgnoreCase); break;
                case 'm': minute = (long)ParseNumber(value, marker); break;
                case 's': second = (long)ParseNumber(value, marker); break;
                case 'f': millisecond = (long)ParseNumber(value, marker); break;
                case 'Z' or 'z':
                    var zone = value.StartsWith("GMT", StringComparison.OrdinalIgnoreCase) ? value[3..] : value;
                    if (zone is "Z" or "z" || zone.Length == 0)
                        break;
                    var sign = zone[0] == '-' ? -1 : 1;
                    var digits = zone.TrimStart('+', '-').Replace(":", "", StringComparison.Ordinal);
                    var hours = int.Parse(digits.Length > 2 ? digits[..^2] : digits, CultureInfo.InvariantCulture);
                    var minutes = digits.Length > 2 ? int.Parse(digits[^2..], CultureInfo.InvariantCulture) : 0;
                    offsetMinutes = sign * ((hours * 60) + minutes);
                    break;
            }
        }

        if (pm is { } isPm && hour is { } h12)
            hour = isPm ? h12 + 12 : h12;
        if (year is null && month is null && day is null && dayOfYear is null && hour is null && minute is null && second is null)
            throw new JsonataRuntimeException("D3136");
        var date = new DateTime((int)(year ?? now.Year), 1, 1, 0, 0, 0, DateTimeKind.Utc);
        date = dayOfYear is { } doy ? date.AddDays(doy - 1) : date.AddMonths((int)(month ?? (year is null ? now.Month : 1)) - 1).AddDays((day ?? (year is null && month is null ? now.Day : 1)) - 1);
        date = date.AddHours(hour ?? 0).AddMinutes(minute ?? 0).AddSeconds(second ?? 0).AddMilliseconds(millisecond ?? 0);
        return new DateTimeOffset(date).ToUnixTimeMilliseconds() - (offsetMinutes * 60_000L);
    }

    private static double ParseNumber(string value, Marker marker) =>
        marker.IntegerFormat is { } format ? JsonataIntegerFormat.Parse(value, format) : double.Parse(value, CultureInfo.InvariantCulture);

    private static string MarkerPattern(Marker marker, bool nextIsNumber)
    {
        if (marker.Names is not null)
            return marker.Component == 'P' ? "am|pm|AM|PM" : "[A-Za-z]+";
        return marker.Component switch
        {
            'Z' => @"Z|[+-]\d{1,2}:?\d{2}|[+-]\d{1,2}",
            'z' => @"GMT[+-]\d{1,2}:?\d{2}|GMT[+-]\d{1,2}",
            'P' => "am|pm|AM|PM",
            _ when marker.IntegerFormat is { Primary: JsonataIntegerFormat.Primary.Decimal } format =>
                nextIsNumber ? $"[0-9]{{{format.MandatoryDigits}}}" : "-?[0-9]+",
            _ when marker.IntegerFormat is { Primary: JsonataIntegerFormat.Primary.Roman } => "[IVXLCDMivxlcdm]+",
            _ when marker.IntegerFormat is { Primary: JsonataIntegerFormat.Primary.Letters } => "[A-Za-z]+",
            _ when marker.IntegerFormat is { Primary: JsonataIntegerFormat.Primary.Words } => "[A-Za-z ,\\-]+?",
            _ => ".+?",
        };
    }
}
