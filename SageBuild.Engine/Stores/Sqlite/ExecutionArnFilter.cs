namespace SageBuild.Engine.Stores.Sqlite;

/// <summary>
/// A Bloom filter of the execution ARNs the database holds: "no" is certain, "maybe" sends the store to the database.
/// Every creation must prove its ARN new; without the filter that was a query per execution (a distributed Map's
/// every child), which cost more than running the child.
/// </summary>
/// <remarks>
/// Four probes from one 64-bit hash (Kirsch and Mitzenmacher's double hashing). Sized when the store opens at ten bits
/// per stored execution and at least 2 MB (about 1.7 million ARNs at 1 % false "maybe"s); past that the "maybe"s grow
/// more frequent, which costs queries, never correctness. Thread-safe: bits are set with atomic ORs.
/// </remarks>
internal sealed class ExecutionArnFilter
{
    private const int Probes = 4;
    private const long MinimumBits = 16L * 1024 * 1024;
    private readonly long[] _words;
    private readonly ulong _bits;

    public ExecutionArnFilter(long expected)
    {
        var bits = Math.Max(MinimumBits, expected * 10);
        _words = new long[(bits + 63) / 64];
        _bits = (ulong)_words.Length * 64;
    }

    public void Add(long arnKey)
    {
        var (h1, h2) = Hash(arnKey);
        for (var i = 0UL; i < Probes; i++)
        {
            var bit = (h1 + (i * h2)) % _bits;
            Interlocked.Or(ref _words[bit / 64], 1L << (int)(bit % 64));
        }
    }

    public bool MayContain(long arnKey)
    {
        var (h1, h2) = Hash(arnKey);
        for (var i = 0UL; i < Probes; i++)
        {
            var bit = (h1 + (i * h2)) % _bits;
            if ((Volatile.Read(ref _words[bit / 64]) & (1L << (int)(bit % 64))) == 0)
                return false;
        }

        return true;
    }

    // The ARN's key (ExecutionArnKey) is already a good 64-bit hash of it.
    private static (ulong, ulong) Hash(long arnKey)
    {
        var hash = unchecked((ulong)arnKey);
        return (hash & 0xFFFF_FFFF, (hash >> 32) | 1);
    }
}
