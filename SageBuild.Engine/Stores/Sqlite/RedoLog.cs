using System.Buffers.Binary;
using System.IO.Hashing;
using Microsoft.Win32.SafeHandles;

namespace SageBuild.Engine.Stores.Sqlite;

/// <summary>
/// The SQLite store's redo log: a file that writes are appended to, as numbered frames, before SQLite has them. One
/// <c>pwrite</c> puts a frame in the operating system's page cache, which outlives the process: a frame whose write has
/// returned survives <c>kill -9</c>, as a committed SQLite transaction does with <c>synchronous=NORMAL</c>, for a
/// fraction of a commit's cost (SQLite writes every page a transaction touches, 4 KB each, and locks and reads its
/// files). That is what makes the store's barrier cheap; SQLite then takes the frames in large transactions in the
/// background. (A memory-mapped log was tried: a page fault on each first touch of a page cost more than the call.)
/// </summary>
/// <remarks>
/// Frame: a header of <see cref="HeaderSize"/> bytes, which the caller leaves free at the start of the frame's buffer
/// (so that the frame is one write), then the payload. Header: payload length (uint32), CRC-32 of the sequence number and payload (uint32), sequence number (int64),
/// payload; little-endian. Frames follow each other from the start of the file; <see cref="ReadFrames"/> stops at the
/// first frame that is torn (a crash during its copy), fails its checksum, or does not carry the next sequence number
/// (the remains of frames written before a <see cref="Rewind"/>). Not thread-safe: the store serialises its use.
/// </remarks>
internal sealed class RedoLog : IDisposable
{
    /// <summary>The bytes of a frame's header.</summary>
    public const int HeaderSize = 16;
    private readonly SafeFileHandle _file;
    private readonly byte[] _header = new byte[HeaderSize];

    private RedoLog(string path, SafeFileHandle file, long capacity)
    {
        Path = path;
        _file = file;
        Capacity = capacity;
    }

    /// <summary>The log file.</summary>
    public string Path { get; }

    /// <summary>The room for frames between two rewinds.</summary>
    public long Capacity { get; }

    /// <summary>Where the next frame goes.</summary>
    public long Length { get; private set; }

    /// <summary>
    /// Opens the log at <paramref name="path"/>, creating it when missing; only one store may have it open, so a second
    /// store on the same database (another process, say) is refused instead of writing frames over the first one's.
    /// </summary>
    public static RedoLog Open(string path, long capacity)
    {
        try
        {
            return new(path, File.OpenHandle(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None), capacity);
        }
        catch (IOException e)
        {
            throw new InvalidOperationException($"{path} is in use: another SageBuild (another process, or another store in this one) has this database open. Stop it, or use another --data-dir.", e);
        }
    }

    /// <summary>
    /// Appends a frame whose payload follows <see cref="HeaderSize"/> free bytes in <paramref name="frame"/> (the header
    /// goes there); false (and nothing written) when it does not fit in <see cref="Capacity"/>.
    /// </summary>
    public bool TryAppend(long sequence, ArraySegment<byte> frame)
    {
        if (Length + frame.Count > Capacity)
            return false;
        var header = frame.AsSpan(0, HeaderSize);
        var payload = frame.AsSpan(HeaderSize);
        BinaryPrimitives.WriteUInt32LittleEndian(header, (uint)payload.Length);
        BinaryPrimitives.WriteInt64LittleEndian(header[8..], sequence);
        BinaryPrimitives.WriteUInt32LittleEndian(header[4..], Checksum(header[8..], payload));
        RandomAccess.Write(_file, frame, Length);
        Length += frame.Count;
        return true;
    }

    /// <summary>Starts again at the beginning; only once SQLite holds every frame written so far.</summary>
    public void Rewind() => Length = 0;

    /// <summary>Writes the file to the disk (for power-loss durability; not needed against a crash of the process).</summary>
    public void FlushToDisk() => RandomAccess.FlushToDisk(_file);

    /// <summary>
    /// The frames from the start of the file, in order, while each is whole and numbered one after the previous;
    /// leaves <see cref="Length"/> after the last of them.
    /// </summary>
    public List<(long Sequence, byte[] Payload)> ReadFrames()
    {
        var frames = new List<(long, byte[])>();
        long offset = 0;
        long? expected = null;
        var size = RandomAccess.GetLength(_file);
        while (offset + HeaderSize <= size)
        {
            if (RandomAccess.Read(_file, _header, offset) < HeaderSize)
                break;
            var length = BinaryPrimitives.ReadUInt32LittleEndian(_header);
            var checksum = BinaryPrimitives.ReadUInt32LittleEndian(_header.AsSpan(4));
            var sequence = BinaryPrimitives.ReadInt64LittleEndian(_header.AsSpan(8));
            if (length == 0 || offset + HeaderSize + length > size || (expected is { } next && sequence != next))
                break;
            var payload = new byte[length];
            if (RandomAccess.Read(_file, payload, offset + HeaderSize) < payload.Length || Checksum(_header.AsSpan(8, 8), payload) != checksum)
                break;
            frames.Add((sequence, payload));
            expected = sequence + 1;
            offset += HeaderSize + payload.Length;
        }

        Length = offset;
        return frames;
    }

    private static uint Checksum(ReadOnlySpan<byte> sequence, ReadOnlySpan<byte> payload)
    {
        var crc = new Crc32();
        crc.Append(sequence);
        crc.Append(payload);
        return crc.GetCurrentHashAsUInt32();
    }

    public void Dispose() => _file.Dispose();
}
