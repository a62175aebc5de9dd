using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using SageBuild.Engine.Jsonata.Runtime;
using SageBuild.StateMachines.Json;

namespace SageBuild.Engine.Jsonata.Functions;

/// <summary>
/// The functions AWS Step Functions adds to JSONata: <c>$partition $range $hash $random $uuid $parse</c>. Numeric
/// arguments are truncated towards zero, and degenerate arguments (a zero chunk size, a step whose sign disagrees
/// with the direction, a missing algorithm) give undefined rather than an error, as AWS does.
/// </summary>
internal static class JsonataStepFunctionsFunctions
{
    public static object? Partition(JsonataEvaluator evaluator, object? input, object?[] args)
    {
        if (args[0] is null || args[1] is not JsonNumber sizeNumber)
            return null;
        var items = JsonataValues.Items(args[0]);
        var size = Math.Truncate(sizeNumber.Value);
        if (items.Count == 0 || size <= 0)
            return null;
        var chunk = (int)Math.Min(size, int.MaxValue);
        var result = new JsonataSequence();
        for (var start = 0; start < items.Count; start += chunk)
        {
            var part = new JsonataSequence();
            for (var i = start; i < Math.Min(start + chunk, items.Count); i++)
                part.Add(items[i]);
            result.Add(part);
        }

        return result;
    }

    public static object? Range(JsonataEvaluator evaluator, object? input, object?[] args)
    {
        if (args[0] is not JsonNumber startNumber || args[1] is not JsonNumber endNumber || args.Length < 3 || args[2] is not JsonNumber stepNumber)
            return null;
        var start = Math.Truncate(startNumber.Value);
        var end = Math.Truncate(endNumber.Value);
        var step = Math.Truncate(stepNumber.Value);
        if (step == 0 || (end > start && step < 0) || (end < start && step > 0))
            return null;
        var count = Math.Floor((end - start) / step) + 1;
        if (count > 1e7)
            throw new JsonataRuntimeException("D2014", JsonNumber.From(count));
        // A sequence: a single value comes back bare, as AWS returns it.
        var result = new JsonataSequence((int)count) { IsSequence = true };
        for (var i = 0; i < count; i++)
            result.Add(JsonNumber.From(start + (i * step)));
        return result;
    }

    public static object? Hash(JsonataEvaluator evaluator, object? input, object?[] args)
    {
        if (args[0] is not JsonString text || args.Length < 2 || args[1] is not JsonString algorithm)
            return null;
        var bytes = Encoding.UTF8.GetBytes(text.Value);
        // The algorithm names are case-sensitive, as AWS's are.
#pragma warning disable CA5350, CA5351 // MD5 and SHA-1 are what the workflow asked for; nothing here relies on them for security.
        var digest = algorithm.Value switch
        {
            "MD5" => MD5.HashData(bytes),
            "SHA-1" => SHA1.HashData(bytes),
            "SHA-256" => SHA256.HashData(bytes),
            "SHA-384" => SHA384.HashData(bytes),
            "SHA-512" => SHA512.HashData(bytes),
            _ => throw new JsonataRuntimeException("D3137", $"The hash algorithm '{algorithm.Value}' is not supported: use MD5, SHA-1, SHA-256, SHA-384 or SHA-512"),
        };
#pragma warning restore CA5350, CA5351
        return JsonString.From(Convert.ToHexStringLower(digest));
    }

    public static object? Random(JsonataEvaluator evaluator, object? input, object?[] args)
    {
        if (args.Length > 0 && args[0] is JsonNumber seed)
            return JsonNumber.From(new Random((int)Math.Clamp(Math.Truncate(seed.Value), int.MinValue, int.MaxValue)).NextDouble());
        return JsonNumber.From(evaluator.Random.NextDouble());
    }

    public static object? Uuid(JsonataEvaluator evaluator, object? input, object?[] args)
    {
        Span<byte> bytes = stackalloc byte[16];
        evaluator.Random.NextBytes(bytes);
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x40); // version 4
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80); // RFC 4122 variant
        var hex = Convert.ToHexStringLower(bytes);
        return JsonString.From($"{hex[..8]}-{hex[8..12]}-{hex[12..16]}-{hex[16..20]}-{hex[20..]}");
    }

    public static object? Parse(JsonataEvaluator evaluator, object? input, object?[] args)
    {
        if (args[0] is not JsonString text)
            return null;
        try
        {
            return JsonValue.Parse(text.Value);
        }
        catch (JsonException e)
        {
            throw new JsonataRuntimeException("D3137", $"$parse could not read its argument as JSON: {e.Message}");
        }
    }
}
