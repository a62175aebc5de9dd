using SageBuild.StateMachines.Json;

namespace SageBuild.Engine.Expressions.Intrinsics;

/// <summary>States.MathAdd, MathRandom and UUID.</summary>
internal static class MathFunctions
{
    /// <summary>The sum of two integers in the 32-bit range (fractions are rounded first).</summary>
    public static JsonValue Add(IntrinsicArguments args, IEvaluationScope scope) => JsonNumber.From((long)args.Int32(0) + args.Int32(1));

    /// <summary>
    /// A random integer from the start (inclusive) to the end (exclusive). Without a seed it comes from the
    /// execution's random source, which the history records; with one, the same seed gives the same number.
    /// </summary>
    public static JsonValue Random(IntrinsicArguments args, IEvaluationScope scope)
    {
        var start = args.Int32(0);
        var end = args.Int32(1);
        if (start >= end)
            throw args.Fail($"the start ({start}) must be less than the end ({end})");
        var random = args.Count == 3 ? new Random(unchecked((int)args.Integer(2))) : scope.Random;
        return JsonNumber.From(random.Next(start, end));
    }

    /// <summary>A version 4 UUID from the execution's random source.</summary>
    public static JsonValue Uuid(IntrinsicArguments args, IEvaluationScope scope)
    {
        Span<byte> bytes = stackalloc byte[16];
        scope.Random.NextBytes(bytes);
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        Span<char> text = stackalloc char[36];
        var position = 0;
        for (var i = 0; i < 16; i++)
        {
            if (i is 4 or 6 or 8 or 10)
                text[position++] = '-';
            text[position++] = HexDigit(bytes[i] >> 4);
            text[position++] = HexDigit(bytes[i] & 0xF);
        }

        return JsonString.From(new string(text));
    }

    private static char HexDigit(int value) => (char)(value < 10 ? '0' + value : 'a' + value - 10);
}
