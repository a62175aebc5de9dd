namespace SageBuild.Engine.Stores.Sqlite;

/// <summary>
/// A Bloom filter of the execution ARNs the database holds: "no" is certain, "maybe" sends the store to the database.
/// Every creation must prove its ARN new; without the filter that was a query per execution (a distributed Map's
/// every child), which cost more than running the child.
/// </summary>
/// <remarks>
/// Blocked to one 64-bit word per ARN: the key picks a word and four bits in it, so an addition is one atomic OR and a
/// check one read, each at most one cache miss (four probes across the filter cost four, and showed in the profile of
/// a distributed Map's children). Sized when the store opens at ten bits per stored execution and at least 2 MB (about
/// 1.7 million ARNs at about 2 % false "maybe"s); past that the "maybe"s grow more frequent, which costs queries, never
/// correctness. Thread-safe: bits are set with atomic ORs.
/// </remarks>
internal sealed class ExecutionArnFilter
{
    private const long MinimumBits = 16L * 1024 * 1024;
    private readonly long[] _words;

    public ExecutionArnFilter(long expected)
    {
        var bits = Math.Max(MinimumBits, expected * 10);
        _words = new long[(bits + 63) / 64];
    }

    public void Add(long arnKey)
    {
        var (word, mask) = Locate(arnKey);
        Interlocked.Or(ref _words[word], mask);
    }

    public bool MayContain(long arnKey)
    {
        var (word, mask) = Locate(arnKey);
        return (Volatile.Read(ref _words[word]) & mask) == mask;
    }

    // The ARN's key (ExecutionArnKey) is mixed first: a time-ordered name's key starts with its millisecond, and keys of
    // one moment would otherwise share their words. The mix's high half picks the word (scaled, not divided), four 6-bit
    // fields of its low half the bits.
    private (long Word, long Mask) Locate(long arnKey)
    {
        var hash = Mix(unchecked((ulong)arnKey));
        var word = (long)(((hash >> 32) * (ulong)_words.Length) >> 32);
        var mask = (1L << (int)(hash & 63)) | (1L << (int)((hash >> 6) & 63)) | (1L << (int)((hash >> 12) & 63)) | (1L << (int)((hash >> 18) & 63));
        return (word, mask);
    }

    // MurmurHash3's 64-bit finaliser: every bit of the key moves every bit of the result.
    private static ulong Mix(ulong key)
    {
        key ^= key >> 33;
        key *= 0xff51afd7ed558ccdUL;
        key ^= key >> 33;
        key *= 0xc4ceb9fe1a85ec53UL;
        return key ^ (key >> 33);
    }
}
