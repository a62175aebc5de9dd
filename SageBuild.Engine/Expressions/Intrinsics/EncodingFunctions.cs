using System.Security.Cryptography;
using System.Text;
using SageBuild.StateMachines.Json;

namespace SageBuild.Engine.Expressions.Intrinsics;

/// <summary>States.Base64Encode, Base64Decode and Hash.</summary>
internal static class EncodingFunctions
{
    /// <summary>AWS's limit on the text these functions take.</summary>
    public const int MaxInputCharacters = 10_000;

    private static readonly string[] Algorithms = ["MD5", "SHA-1", "SHA-256", "SHA-384", "SHA-512"];

    public static JsonValue Base64Encode(IntrinsicArguments args, IEvaluationScope scope)
    {
        var text = Limited(args, 0);
        return JsonString.From(Convert.ToBase64String(Encoding.UTF8.GetBytes(text)));
    }

    public static JsonValue Base64Decode(IntrinsicArguments args, IEvaluationScope scope)
    {
        var text = Limited(args, 0);
        try
        {
            return JsonString.From(Encoding.UTF8.GetString(Convert.FromBase64String(text)));
        }
        catch (FormatException)
        {
            throw args.Fail("the argument is not Base64 text");
        }
    }

    /// <summary>The hash of the text's UTF-8 bytes, as lowercase hexadecimal.</summary>
    public static JsonValue Hash(IntrinsicArguments args, IEvaluationScope scope)
    {
        var bytes = Encoding.UTF8.GetBytes(Limited(args, 0));
        var algorithm = args.String(1);
        var digest = algorithm switch
        {
            // MD5 and SHA-1 are weak, but AWS offers them for checksums and ids; nothing here relies on them for security.
#pragma warning disable CA5350, CA5351
            "MD5" => MD5.HashData(bytes),
            "SHA-1" => SHA1.HashData(bytes),
#pragma warning restore CA5350, CA5351
            "SHA-256" => SHA256.HashData(bytes),
            "SHA-384" => SHA384.HashData(bytes),
            "SHA-512" => SHA512.HashData(bytes),
            _ => throw args.Fail($"'{algorithm}' is not a hash algorithm; use one of {string.Join(", ", Algorithms)}"),
        };
        return JsonString.From(Convert.ToHexStringLower(digest));
    }

    private static string Limited(IntrinsicArguments args, int index)
    {
        var text = args.String(index);
        return text.Length > MaxInputCharacters
            ? throw args.Fail($"the text has {text.Length} characters, more than the {MaxInputCharacters} allowed")
            : text;
    }
}
