using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace SageBuild.Engine.Jsonata.Runtime;

/// <summary>
/// Compiles each regex literal once. JavaScript and .NET patterns agree on the syntax JSONata users write; the
/// timeout stops a catastrophic pattern from holding an execution forever.
/// </summary>
internal static class JsonataRegexCache
{
    private static readonly ConcurrentDictionary<(string Pattern, string Flags), Regex> Cache = new();

    public static Regex Get(string pattern, string flags) => Cache.GetOrAdd((pattern, flags), static key =>
    {
        var options = RegexOptions.CultureInvariant;
        if (key.Flags.Contains('i', StringComparison.Ordinal))
            options |= RegexOptions.IgnoreCase;
        if (key.Flags.Contains('m', StringComparison.Ordinal))
            options |= RegexOptions.Multiline;
        return new Regex(key.Pattern, options, TimeSpan.FromSeconds(5));
    });
}
