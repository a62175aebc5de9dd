using System.Globalization;
using System.Text;
using SageBuild.Engine.Jsonata.Runtime;
using SageBuild.StateMachines.Json;

namespace SageBuild.Engine.Jsonata.Functions;

/// <summary>String functions. Lengths and offsets count Unicode code points, as JSONata does.</summary>
internal static class JsonataStringFunctions
{
    /// <summary>JSONata's <c>$string</c> cast; undefined gives the empty string (the <c>&amp;</c> operator's rule).</summary>
    public static string ToText(object? value) => value is null ? "" : Stringify(value, prettify: false);

    public static string Stringify(object value, bool prettify)
    {
        switch (value)
        {
            case JsonString s:
                return s.Value;
            case JsonataFunction:
                return "";
            case JsonNumber n when !double.IsFinite(n.Value):
                throw new JsonataRuntimeException("D3001", n);
            case JsonataSequence { OuterWrapper: true } wrapper:
                return JsonataValues.Stringify(wrapper[0], prettify);
            default:
                return JsonataValues.Stringify(value, prettify);
        }
    }

    public static object? String(JsonataEvaluator evaluator, object? input, object?[] args)
    {
        if (args[0] is not { } value)
            return null;
        var prettify = args.Length > 1 && args[1] is JsonBoolean { Value: true };
        return JsonString.From(Stringify(value, prettify));
    }

    public static object? Length(JsonataEvaluator evaluator, object? input, object?[] args) =>
        args[0] is JsonString s ? JsonNumber.From(CodePoints(s.Value).Count) : null;

    public static object? Substring(JsonataEvaluator evaluator, object? input, object?[] args)
    {
        if (args[0] is not JsonString s)
            return null;
        var points = CodePoints(s.Value);
        var start = Truncate(((JsonNumber)args[1]!).Value);
        if (points.Count + start < 0)
            start = 0;
        int begin = start < 0 ? Math.Max(points.Count + start, 0) : Math.Min(start, points.Count);
        int end;
        if (args.Length > 2 && args[2] is JsonNumber lengthNumber)
        {
            var length = lengthNumber.Value;
            if (length <= 0)
                return JsonString.Empty;
            var e = start >= 0 ? start + length : points.Count + start + length;
            end = (int)Math.Clamp(Math.Truncate(e), 0, points.Count);
        }
        else
        {
            end = points.Count;
        }

        return JsonString.From(begin >= end ? "" : string.Concat(points.Skip(begin).Take(end - begin)));
    }

    public static object? SubstringBefore(JsonataEvaluator evaluator, object? input, object?[] args)
    {
        if (args[0] is not JsonString s)
            return null;
        var chars = ((JsonString)args[1]!).Value;
        var position = s.Value.IndexOf(chars, StringComparison.Ordinal);
        return position > -1 ? JsonString.From(s.Value[..position]) : s;
    }

    public static object? SubstringAfter(JsonataEvaluator evaluator, object? input, object?[] args)
    {
        if (args[0] is not JsonString s)
            return null;
        var chars = ((JsonString)args[1]!).Value;
        var position = s.Value.IndexOf(chars, StringComparison.Ordinal);
        return position > -1 ? JsonString.From(s.Value[(position + chars.Length)..]) : s;
    }

    public static object? Lowercase(JsonataEvaluator evaluator, object? input, object?[] args) =>
        args[0] is JsonString s ? JsonString.From(s.Value.ToLowerInvariant()) : null;

    public static object? Uppercase(JsonataEvaluator evaluator, object? input, object?[] args) =>
        args[0] is JsonString s ? JsonString.From(ToUpperFull(s.Value)) : null;

    private static readonly System.Buffers.SearchValues<char> ExpandingLetters = System.Buffers.SearchValues.Create("ßﬀﬁﬂﬃﬄﬅﬆ");

    /// <summary>Upper-cases with JavaScript's full case mappings for the characters that expand (ß becomes SS).</summary>
    private static string ToUpperFull(string text)
    {
        var upper = text.ToUpperInvariant();
        if (upper.AsSpan().IndexOfAny(ExpandingLetters) < 0)
            return upper;
        return upper.Replace("ß", "SS", StringComparison.Ordinal).Replace("ﬀ", "FF", StringComparison.Ordinal).Replace("ﬁ", "FI", StringComparison.Ordinal)
            .Replace("ﬂ", "FL", StringComparison.Ordinal).Replace("ﬃ", "FFI", StringComparison.Ordinal).Replace("ﬄ", "FFL", StringComparison.Ordinal)
            .Replace("ﬅ", "ST", StringComparison.Ordinal).Replace("ﬆ", "ST", StringComparison.Ordinal);
    }

    public static object? Trim(JsonataEvaluator evaluator, object? input, object?[] args)
    {
        if (args[0] is not JsonString s)
            return null;
        var result = new StringBuilder(s.Value.Length);
        var inWhitespace = false;
        foreach (var c in s.Value)
        {
            if (c is ' ' or '\t' or '\n' or '\r')
            {
                if (!inWhitespace)
                    result.Append(' ');
                inWhitespace = true;
            }
            else
            {
                result.Append(c);
                inWhitespace = false;
            }
        }

        var text = result.ToString();
        if (text.StartsWith(' '))
            text = text[1..];
        if (text.EndsWith(' '))
            text = text[..^1];
        return JsonString.From(text);
    }

    public static object? Pad(JsonataEvaluator evaluator, object? input, object?[] args)
    {
        if (args[0] is not JsonString s)
            return null;
        var width = Truncate(((JsonNumber)args[1]!).Value);
        var padChar = args.Length > 2 && args[2] is JsonString { Value.Length: > 0 } c ? c.Value : " ";
        var padLength = Math.Abs(width) - CodePoints(s.Value).Count;
        if (padLength <= 0)
            return s;
        var padding = new StringBuilder();
        for (var i = 0; i < padLength; i++)
            padding.Append(padChar);
        var pad = padChar.Length > 1 ? string.Concat(CodePoints(padding.ToString()).Take(padLength)) : padding.ToString();
        return JsonString.From(width > 0 ? s.Value + pad : pad + s.Value);
    }

    public static object? Contains(JsonataEvaluator evaluator, object? input, object?[] args)
    {
        if (args[0] is not JsonString s || args[1] is null)
            return null;
        if (args[1] is JsonString token)
            return JsonBoolean.From(s.Value.Contains(token.Value, StringComparison.Ordinal));
        return JsonBoolean.From(JsonataRegexFunctions.Matches(evaluator, args[1]!, s.Value).Any());
    }

    public static object? Split(JsonataEvaluator evaluator, object? input, object?[] args)
    {
        if (args[0] is not JsonString s)
            return null;
        var limit = args.Length > 2 && args[2] is JsonNumber l ? (double?)l.Value : null;
        if (limit < 0)
            throw new JsonataRuntimeException("D3020", args[2], index: 3);
        var result = new JsonataSequence();
        if (limit is not null && limit <= 0)
            return result;
        var max = limit is { } m ? (long)Math.Floor(m) : long.MaxValue;
        var text = s.Value;
        if (args[1] is JsonString separator)
        {
            if (separator.Value.Length == 0)
            {
                foreach (var c in text)
                {
                    if (result.Count >= max)
                        break;
                    result.Add(JsonString.From(c.ToString()));
                }

                return result;
            }

            var position = 0;
            while (result.Count < max)
            {
                var index = text.IndexOf(separator.Value, position, StringComparison.Ordinal);
                if (index < 0)
                {
                    result.Add(JsonString.From(text[position..]));
                    break;
                }

                result.Add(JsonString.From(text[position..index]));
                position = index + separator.Value.Length;
            }

            return result;
        }

        var start = 0;
        var count = 0L;
        var any = false;
        foreach (var match in JsonataRegexFunctions.Matches(evaluator, args[1]!, text))
        {
            any = true;
            if (count >= max)
                break;
            result.Add(JsonString.From(text[start..match.Start]));
            start = match.Start + match.Text.Length;
            count++;
        }

        if (!any)
            result.Add(s);
        else if (count < max)
            result.Add(JsonString.From(text[start..]));
        return result;
    }

    public static object? Join(JsonataEvaluator evaluator, object? input, object?[] args)
    {
        if (args[0] is null)
            return null;
        var separator = args.Length > 1 && args[1] is JsonString sep ? sep.Value : "";
        return JsonString.From(string.Join(separator, JsonataValues.Items(args[0]).Select(i => ((JsonString)i!).Value)));
    }

    public static object? Match(JsonataEvaluator evaluator, object? input, object?[] args)
    {
        if (args[0] is not JsonString s)
            return null;
        var limit = args.Length > 2 && args[2] is JsonNumber l ? (double?)l.Value : null;
        if (limit < 0)
            throw new JsonataRuntimeException("D3040", args[2], index: 3);
        var result = JsonataSequence.Create();
        if (limit is not null && limit <= 0)
            return result;
        var count = 0;
        foreach (var match in JsonataRegexFunctions.Matches(evaluator, args[1]!, s.Value))
        {
            if (limit is { } max && count >= max)
                break;
            var groups = new JsonataSequence();
            foreach (var group in match.Groups)
                groups.Add(group is null ? null : JsonString.From(group));
            result.Add(new JsonataMap
            {
                ["match"] = JsonString.From(match.Text),
                ["index"] = JsonNumber.From(match.Start),
                ["groups"] = groups,
            });
            count++;
        }

        return result;
    }

    public static object? Replace(JsonataEvaluator evaluator, object? input, object?[] args)
    {
        if (args[0] is not JsonString s)
            return null;
        var pattern = args[1];
        if (pattern is JsonString { Value.Length: 0 })
            throw new JsonataRuntimeException("D3010", pattern, index: 2);
        var limit = args.Length > 3 && args[3] is JsonNumber l ? (double?)l.Value : null;
        if (limit < 0)
            throw new JsonataRuntimeException("D3011", args[3], index: 4);
        if (limit is not null && limit <= 0)
            return s;
        var text = s.Value;
        var result = new StringBuilder();
        var position = 0;
        var count = 0;
        if (pattern is JsonString literal)
        {
            var replacement = ((JsonString)args[2]!).Value;
            var index = text.IndexOf(literal.Value, position, StringComparison.Ordinal);
            while (index != -1 && (limit is null || count < limit))
            {
                result.Append(text, position, index - position).Append(replacement);
                position = index + literal.Value.Length;
                count++;
                index = text.IndexOf(literal.Value, position, StringComparison.Ordinal);
            }

            result.Append(text, position, text.Length - position);
            return JsonString.From(result.ToString());
        }

        var any = false;
        foreach (var match in JsonataRegexFunctions.Matches(evaluator, pattern!, text))
        {
            if (limit is { } max && count >= max)
                break;
            any = true;
            result.Append(text, position, match.Start - position);
            string substitute;
            if (args[2] is JsonString template)
            {
                substitute = Substitute(template.Value, match);
            }
            else
            {
                var groups = new JsonataSequence();
                foreach (var group in match.Groups)
                    groups.Add(group is null ? null : JsonString.From(group));
                var matchObject = new JsonataMap
                {
                    ["match"] = JsonString.From(match.Text),
                    ["start"] = JsonNumber.From(match.Start),
                    ["end"] = JsonNumber.From(match.Start + match.Text.Length),
                    ["groups"] = groups,
                };
                var replaced = evaluator.Apply(args[2], [matchObject], null);
                substitute = replaced is JsonString rs ? rs.Value : throw new JsonataRuntimeException("D3012", replaced);
            }

            result.Append(substitute);
            position = match.Start + match.Text.Length;
            count++;
        }

        if (!any)
            return s;
        result.Append(text, position, text.Length - position);
        return JsonString.From(result.ToString());
    }

    /// <summary>Expands <c>$0</c>, <c>$1</c>... and <c>$$</c> in a replacement string, as JSONata does.</summary>
    private static string Substitute(string replacement, JsonataRegexFunctions.MatchInfo match)
    {
        var substitute = new StringBuilder();
        var position = 0;
        var index = replacement.IndexOf('$', position);
        while (index != -1 && position < replacement.Length)
        {
            substitute.Append(replacement, position, index - position);
            position = index + 1;
            var dollar = position < replacement.Length ? replacement[position] : '\0';
            if (dollar == '$')
            {
                substitute.Append('$');
                position++;
            }
            else if (dollar == '0')
            {
                substitute.Append(match.Text);
                position++;
            }
            else
            {
                var maxDigits = match.Groups.Count == 0 ? 1 : (int)Math.Floor(Math.Log10(match.Groups.Count)) + 1;
                var group = ParseLeadingInt(replacement, position, maxDigits);
                if (maxDigits > 1 && group > match.Groups.Count)
                    group = ParseLeadingInt(replacement, position, maxDigits - 1);
                if (group is { } g)
                {
                    if (match.Groups.Count > 0 && g - 1 >= 0 && g - 1 < match.Groups.Count && match.Groups[g - 1] is { } submatch)
                        substitute.Append(submatch);
                    position += g.ToString(CultureInfo.InvariantCulture).Length;
                }
                else
                {
                    substitute.Append('$');
                }
            }

            index = replacement.IndexOf('$', position);
        }

        substitute.Append(replacement, position, replacement.Length - position);
        return substitute.ToString();
    }

    private static int? ParseLeadingInt(string text, int start, int maxDigits)
    {
        // parseInt over at most maxDigits characters: leading digits only.
        var end = start;
        while (end < text.Length && end - start < maxDigits && char.IsAsciiDigit(text[end]))
            end++;
        return end == start ? null : int.Parse(text.AsSpan(start, end - start), CultureInfo.InvariantCulture);
    }

    // As the reference implementation: each character is one byte (Latin-1), as btoa and atob treat strings.
    public static object? Base64Encode(JsonataEvaluator evaluator, object? input, object?[] args) =>
        args[0] is JsonString s ? JsonString.From(Convert.ToBase64String(Encoding.Latin1.GetBytes(s.Value))) : null;

    public static object? Base64Decode(JsonataEvaluator evaluator, object? input, object?[] args)
    {
        if (args[0] is not JsonString s)
            return null;
        try
        {
            return JsonString.From(Encoding.Latin1.GetString(Convert.FromBase64String(s.Value)));
        }
        catch (FormatException)
        {
            throw new JsonataRuntimeException("D3137", "Failed to execute 'atob': The string to be decoded is not correctly encoded.");
        }
    }

    public static List<string> CodePoints(string text)
    {
        var points = new List<string>(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                points.Add(text.Substring(i, 2));
                i++;
            }
            else
            {
                points.Add(text[i].ToString());
            }
        }

        return points;
    }

    private static int Truncate(double value) =>
        double.IsNaN(value) ? 0 : (int)Math.Clamp(Math.Truncate(value), int.MinValue, int.MaxValue);
}
