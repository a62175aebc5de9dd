using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace SageBuild.Local.Processes;

/// <summary>
/// A user command running in its own process group, the local stand-in for a container: its output is read line by
/// line, a stop signals the whole group (SIGTERM, then SIGKILL after a grace period), and when it ends anything it
/// left behind in the group is killed, as tearing down a container would.
/// </summary>
internal sealed class ChildProcess : IAsyncDisposable
{
    // After the main process exits, how long a background child may keep the output open before it is killed.
    private static readonly TimeSpan StragglerGrace = TimeSpan.FromSeconds(2);

    private readonly Process _process;
    private readonly Task _stdout;
    private readonly Task _stderr;
    private int _stopping;

    private ChildProcess(Process process, Action<string> onLine)
    {
        _process = process;
        ProcessId = process.Id;
        _stdout = PumpAsync(process.StandardOutput, onLine);
        _stderr = PumpAsync(process.StandardError, onLine);
        Completion = CompleteAsync();
    }

    /// <summary>The process id, which is also its process group id.</summary>
    public int ProcessId { get; }

    /// <summary>The exit code, once the process has exited and all its output has been read.</summary>
    public Task<int> Completion { get; }

    /// <summary>Whether the process has ended.</summary>
    public bool HasEnded => Completion.IsCompleted;

    /// <summary>Starts <paramref name="info"/>; throws <see cref="InvalidOperationException"/> naming the command when it cannot.</summary>
    public static ChildProcess Start(ChildProcessStartInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        if (!Directory.Exists(info.WorkingDirectory))
            throw new InvalidOperationException($"cannot run '{info.Command}': the working directory '{info.WorkingDirectory}' does not exist");

        // setsid makes the shell the leader of a new process group (its pid is the group id), so a stop reaches
        // everything the command started. The command's own arguments travel as "$@", never through the shell parser.
        var start = new ProcessStartInfo("setsid")
        {
            WorkingDirectory = info.WorkingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("/bin/sh");
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(info.Arguments.Count == 0 ? info.Command : info.Command + " \"$@\"");
        start.ArgumentList.Add("sh");
        foreach (var argument in info.Arguments)
            start.ArgumentList.Add(argument);
        foreach (var (key, value) in info.Environment)
        {
            if (value is null)
                start.Environment.Remove(key);
            else
                start.Environment[key] = value;
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"cannot run '{info.Command}'");
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException($"cannot run '{info.Command}': {e.Message}", e);
        }

        process.StandardInput.Close(); // a container has no terminal: reading stdin gives end-of-file at once
        return new ChildProcess(process, info.OnLine);
    }

    /// <summary>Sends <paramref name="signal"/> to the process group; false when nothing is left to signal.</summary>
    public bool Signal(int signal) => NativeMethods.SignalGroup(ProcessId, signal);

    /// <summary>
    /// Stops the process as <c>docker stop</c> does: SIGTERM to the group, then SIGKILL when it has not ended after
    /// <paramref name="gracePeriod"/>. Returns the exit code.
    /// </summary>
    public async Task<int> StopAsync(TimeSpan gracePeriod)
    {
        Interlocked.Exchange(ref _stopping, 1);
        if (!HasEnded)
        {
            Signal(NativeMethods.SignalTerminate);
            if (await Task.WhenAny(Completion, Task.Delay(gracePeriod)) != Completion)
                Signal(NativeMethods.SignalKill);
        }

        return await Completion;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (!HasEnded)
            await StopAsync(TimeSpan.FromSeconds(5));
        _process.Dispose();
    }

    private async Task<int> CompleteAsync()
    {
        await _process.WaitForExitAsync();
        var output = Task.WhenAll(_stdout, _stderr);
        if (Volatile.Read(ref _stopping) == 0 && await Task.WhenAny(output, Task.Delay(StragglerGrace)) != output)
            Signal(NativeMethods.SignalKill);
        await output;

        // The main process is gone: whatever is left in its group would outlive a container, so it goes too.
        Signal(NativeMethods.SignalKill);
        return _process.ExitCode;
    }

    private static async Task PumpAsync(StreamReader reader, Action<string> onLine)
    {
        while (await reader.ReadLineAsync() is { } line)
            onLine(line);
    }
}
