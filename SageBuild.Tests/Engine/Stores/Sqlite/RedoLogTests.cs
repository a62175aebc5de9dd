using SageBuild.Engine.Stores.Sqlite;
using SageBuild.Tests.Support;

namespace SageBuild.Tests.Engine.Stores.Sqlite;

public sealed class RedoLogTests
{
    private static ArraySegment<byte> Frame(params byte[] payload) => new([.. new byte[RedoLog.HeaderSize], .. payload]);

    [Test]
    public void Reads_back_the_frames_in_order_until_a_torn_one()
    {
        using var folder = new TemporaryDirectory();
        var path = folder.File("db-redo");
        using (var log = RedoLog.Open(path, 1 << 20))
        {
            Assert.That(log.TryAppend(7, Frame(1, 2, 3)), Is.True);
            Assert.That(log.TryAppend(8, Frame(4)), Is.True);
            Assert.That(log.TryAppend(9, Frame(5, 6)), Is.True);
        }

        // A crash in the middle of the last frame's write: its last byte never reached the file.
        using (var file = File.OpenWrite(path))
            file.SetLength(file.Length - 1);

        using var reopened = RedoLog.Open(path, 1 << 20);
        var frames = reopened.ReadFrames();
        Assert.That(frames.Select(f => f.Sequence), Is.EqualTo(new long[] { 7, 8 }));
        Assert.That(frames.Select(f => f.Payload), Is.EqualTo(new[] { new byte[] { 1, 2, 3 }, [4] }));
        Assert.That(reopened.Length, Is.EqualTo(2 * RedoLog.HeaderSize + 4), "the next frame goes right after the last whole one");
    }

    [Test]
    public void Stops_at_a_frame_whose_bytes_changed_and_at_the_remains_of_frames_before_a_rewind()
    {
        using var folder = new TemporaryDirectory();
        var path = folder.File("db-redo");
        using (var log = RedoLog.Open(path, 1 << 20))
        {
            log.TryAppend(1, Frame(1, 1, 1, 1));
            log.TryAppend(2, Frame(2, 2, 2, 2));
            log.TryAppend(3, Frame(3, 3, 3, 3));
            log.Rewind();
            // Same sizes, so frame 2's remains start exactly where frame 11 ends: its number is not the next one.
            log.TryAppend(10, Frame(9, 9, 9, 9));
            log.TryAppend(11, Frame(8, 8, 8, 8));
        }

        using (var reopened = RedoLog.Open(path, 1 << 20))
            Assert.That(reopened.ReadFrames().Select(f => f.Sequence), Is.EqualTo(new long[] { 10, 11 }));

        var bytes = File.ReadAllBytes(path);
        bytes[RedoLog.HeaderSize + 4 + RedoLog.HeaderSize + 1] ^= 0xFF; // a payload byte of frame 11
        File.WriteAllBytes(path, bytes);
        using var damaged = RedoLog.Open(path, 1 << 20);
        Assert.That(damaged.ReadFrames().Select(f => f.Sequence), Is.EqualTo(new long[] { 10 }), "the checksum catches it");
    }

    [Test]
    public void Refuses_a_frame_past_its_capacity()
    {
        using var folder = new TemporaryDirectory();
        using var log = RedoLog.Open(folder.File("db-redo"), 64);
        Assert.That(log.TryAppend(1, Frame(new byte[40])), Is.True);
        Assert.That(log.TryAppend(2, Frame(new byte[40])), Is.False);
        Assert.That(log.Length, Is.EqualTo(RedoLog.HeaderSize + 40));
    }

    [Test]
    public void Is_open_to_one_store_at_a_time()
    {
        using var folder = new TemporaryDirectory();
        using var first = RedoLog.Open(folder.File("db-redo"), 1024);
        var error = Assert.Throws<InvalidOperationException>(() => RedoLog.Open(folder.File("db-redo"), 1024).Dispose())!;
        Assert.That(error.Message, Does.Contain("is in use").And.Contain("--data-dir"));
    }
}
