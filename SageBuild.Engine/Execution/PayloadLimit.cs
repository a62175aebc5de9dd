using SageBuild.StateMachines.Json;

namespace SageBuild.Engine.Execution;

/// <summary>
/// AWS's 256 KiB limit on state payloads. Serialising every output to measure it would dominate a fast step, so the
/// check is layered: values that are the input passed through (already checked) or literals of the definition are never
/// measured; otherwise a walk with early exit bounds the size from below and above, and only a value whose bounds
/// straddle the limit is serialised.
/// </summary>
internal static class PayloadLimit
{
    public const int MaxBytes = 256 * 1024;

    public static bool Exceeds(JsonValue value)
    {
        long lower = 0, upper = 0;
        Bound(value, ref lower, ref upper);
        if (upper <= MaxBytes)
            return false;
        if (lower > MaxBytes)
            return true;
        return value.Utf8Length() > MaxBytes;
    }

    /// <summary>
    /// The characters a number is written with: its literal when it was read from text; for a whole number below 2^53
    /// its digits and sign (an upper bound: -0 may print as 0); otherwise 24, the longest shortest round-trip form of a double.
    /// </summary>
    private static int NumberLength(JsonNumber n)
    {
        if (n.Literal is { } literal)
            return literal.Length;
        var value = n.Value;
        if (value is > -9007199254740992d and < 9007199254740992d && Math.Floor(value) == value)
        {
            var whole = (long)value;
            var length = whole < 0 || (whole == 0 && double.IsNegative(value)) ? 2 : 1;
            for (var rest = Math.Abs(whole) / 10; rest > 0; rest /= 10)
                length++;
            return length;
        }

        return 24;
    }

    private static void Bound(JsonValue value, ref long lower, ref long upper)
    {
        switch (value)
        {
            case JsonString s:
                // Each UTF-16 unit is 1-3 UTF-8 bytes, or up to 6 when escaped (\u001f).
                lower += s.Value.Length + 2;
                upper += (s.Value.Length * 6L) + 2;
                break;
            case JsonObject o:
                lower += 2;
                upper += 2;
                foreach (var (key, item) in o.AsSpan())
                {
                    lower += key.Length + 4;
                    upper += (key.Length * 6L) + 4;
                    Bound(item, ref lower, ref upper);
                    if (lower > MaxBytes)
                        return;
                }

                break;
            case JsonArray a:
                lower += 2;
                upper += 2;
                foreach (var item in a.AsSpan())
                {
                    lower++;
                    upper++;
                    Bound(item, ref lower, ref upper);
                    if (lower > MaxBytes)
                        return;
                }

                break;
            case JsonNumber n:
                lower += 1;
                upper += NumberLength(n);
                break;
            default:
                lower += 4;
                upper += 5;
                break;
        }
    }
}
