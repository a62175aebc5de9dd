using System.Text;

namespace SageBuild.Local.Jobs;

/// <summary>
/// A job's log: each line goes to its log file (flushed at once, so <c>tail -f</c> works), to the observers, and to
/// a short in-memory tail used in failure messages. Safe to write from several threads.
/// </summary>
internal sealed class JobLog : IDisposable
{
    private const int TailLines = 20;

    private readonly StreamWriter _writer;
    private readonly ObserverHub _observers;
    private readonly Queue<string> _tail = new();
    private readonly Lock _gate = new();
    private Action<string>? _listener;

    public JobLog(LocalJob job, ObserverHub observers)
    {
        Job = job;
        _observers = observers;
        var path = job.LogPath ?? throw new ArgumentException("the job has no log path", nameof(job));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        _writer = new StreamWriter(new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite), new UTF8Encoding(false)) { AutoFlush = true };
    }

    public LocalJob Job { get; }

    /// <summary>Also hands every line to <paramref name="listener"/> (metric parsing, for example).</summary>
    public void Listen(Action<string> listener) => _listener += listener;

    public void Write(string line)
    {
        lock (_gate)
        {
            _writer.WriteLine(line);
            _tail.Enqueue(line);
            if (_tail.Count > TailLines)
                _tail.Dequeue();
        }

        _observers.LogLine(Job, line);
        _listener?.Invoke(line);
    }

    /// <summary>The last lines written, oldest first.</summary>
    public string Tail()
    {
        lock (_gate)
            return string.Join('\n', _tail);
    }

    public void Dispose()
    {
        lock (_gate)
            _writer.Dispose();
    }
}
