using System.Runtime.InteropServices;

namespace SageBuild.Cli.Commands.Run;

/// <summary>Turns Ctrl-C and SIGTERM into a cancellation, so everything the run started is stopped before it exits.</summary>
internal sealed class StopSignals : IDisposable
{
    private readonly CancellationTokenSource _stop;
    private readonly PosixSignalRegistration _terminate;

    private StopSignals(CancellationTokenSource stop)
    {
        _stop = stop;
        Console.CancelKeyPress += OnCancelKeyPress;
        _terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, signal =>
        {
            signal.Cancel = true;
            _stop.Cancel();
        });
    }

    public static StopSignals Listen(CancellationTokenSource stop) => new(stop);

    public void Dispose()
    {
        Console.CancelKeyPress -= OnCancelKeyPress;
        _terminate.Dispose();
    }

    private void OnCancelKeyPress(object? sender, ConsoleCancelEventArgs e)
    {
        e.Cancel = true;
        _stop.Cancel();
    }
}
