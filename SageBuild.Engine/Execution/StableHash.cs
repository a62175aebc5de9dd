namespace SageBuild.Engine.Execution;

/// <summary>
/// Hashes that are the same in every process and on every run (unlike <see cref="string.GetHashCode()"/>), for names
/// that a resumed run must compute again exactly: FNV-1a over a string's characters, and SplitMix64's finaliser to mix.
/// </summary>
internal static class StableHash
{
    public static ulong Of(string text)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in text)
        {
            hash ^= c;
            hash *= 1099511628211UL;
        }

        return hash;
    }

    public static ulong Mix(ulong value)
    {
        unchecked
        {
            value += 0x9E3779B97F4A7C15UL;
            value = (value ^ (value >> 30)) * 0xBF58476D1CE4E5B9UL;
            value = (value ^ (value >> 27)) * 0x94D049BB133111EBUL;
            return value ^ (value >> 31);
        }
    }
}
