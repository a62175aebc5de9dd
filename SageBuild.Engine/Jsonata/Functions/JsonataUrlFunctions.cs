using System.Globalization;
using System.Text;
using SageBuild.Engine.Jsonata.Runtime;
using SageBuild.StateMachines.Json;

namespace SageBuild.Engine.Jsonata.Functions;

/// <summary>
/// <c>$encodeUrlComponent $encodeUrl $decodeUrlComponent $decodeUrl</c>: JavaScript's encodeURIComponent, encodeURI,
/// decodeURIComponent and decodeURI over UTF-8, with D3140 for malformed input.
/// </summary>
internal static class JsonataUrlFunctions
{
    // encodeURIComponent leaves these unescaped; encodeURI also leaves the reserved characters.
    private const string Unreserved = "-_.!~*'()";
    private const string Reserved = ";,/?:@&=+$#";

    public static object? EncodeUrlComponent(JsonataEvaluator evaluator, object? input, object?[] args) =>
        args[0] is JsonString s ? JsonString.From(Encode(s.Value, Unreserved, "encodeUrlComponent")) : null;

    public static object? EncodeUrl(JsonataEvaluator evaluator, object? input, object?[] args) =>
        args[0] is JsonString s ? JsonString.From(Encode(s.Value, Unreserved + Reserved, "encodeUrl")) : null;

    public static object? DecodeUrlComponent(JsonataEvaluator evaluator, object? input, object?[] args) =>
        args[0] is JsonString s ? JsonString.From(Decode(s.Value, "", "decodeUrlComponent")) : null;

    public static object? DecodeUrl(JsonataEvaluator evaluator, object? input, object?[] args) =>
        args[0] is JsonString s ? JsonString.From(Decode(s.Value, Reserved, "decodeUrl")) : null;

    private static string Encode(string text, string keep, string function)
    {
        var result = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsAsciiLetterOrDigit(c) || keep.Contains(c, StringComparison.Ordinal))
            {
                result.Append(c);
                continue;
            }

            string unit;
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                unit = text.Substring(i, 2);
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                throw new JsonataRuntimeException("D3140", JsonString.From(text), token: function);
            }
            else
            {
                unit = c.ToString();
            }

            foreach (var b in Encoding.UTF8.GetBytes(unit))
                result.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
        }

        return result.ToString();
    }

    private static string Decode(string text, string keepEscaped, string function)
    {
        var result = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] != '%')
            {
                result.Append(text[i]);
                continue;
            }

            var bytes = new List<byte>();
            var start = i;
            while (i < text.Length && text[i] == '%')
            {
                if (i + 3 > text.Length || !byte.TryParse(text.AsSpan(i + 1, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var b))
                    throw new JsonataRuntimeException("D3140", JsonString.From(text), token: function);
                bytes.Add(b);
                i += 3;
            }

            i--;
            string decoded;
            try
            {
                decoded = new UTF8Encoding(false, true).GetString([.. bytes]);
            }
            catch (DecoderFallbackException)
            {
                throw new JsonataRuntimeException("D3140", JsonString.From(text), token: function);
            }

            if (keepEscaped.Length > 0)
            {
                // decodeURI leaves escapes of reserved characters as they were.
                var index = start;
                foreach (var ch in decoded)
                {
                    var width = Encoding.UTF8.GetByteCount(ch.ToString());
                    if (ch < 128 && keepEscaped.Contains(ch, StringComparison.Ordinal))
                        result.Append(text, index, 3);
                    else
                        result.Append(ch);
                    index += width * 3;
                }
            }
            else
            {
                result.Append(decoded);
            }
        }

        return result.ToString();
    }
}
