using System.Diagnostics;
using System.Globalization;
using SageBuild.Cli.Projects;
using SageBuild.Engine.History;
using Spectre.Console;

namespace SageBuild.Cli.Commands.Run;

/// <summary>
/// Shows a build as it runs: on a terminal a live table of the pipeline's task states with their elapsed times, the
/// tail of the current job's log and the metrics; otherwise one plain line per task state that starts and ends.
/// </summary>
internal sealed class RunDisplay(IAnsiConsole console, RunObserver observer)
{
    private const int ShownStates = 14;
    private readonly Lock _gate = new();
    private readonly List<StateRow> _rows = [];
    private readonly Dictionary<string, StateRow> _open = new(StringComparer.Ordinal);
    private readonly long _started = Stopwatch.GetTimestamp();

    /// <summary>Whether the console can redraw in place (a terminal, not a pipe or a file).</summary>
    public bool IsLive => console.Profile.Capabilities.Interactive && console.Profile.Capabilities.Ansi;

    /// <summary>Runs <paramref name="build"/> while showing its progress.</summary>
    public async Task<RunOutcome> ShowAsync(Func<Action<HistoryEvent>, Task<RunOutcome>> build)
    {
        if (!IsLive)
            return await build(e => Plain(e));
        RunOutcome? outcome = null;
        await console.Live(Render()).AutoClear(false).StartAsync(async context =>
        {
            var task = build(e => Record(e));
            while (!task.IsCompleted)
            {
                context.UpdateTarget(Render());
                await Task.WhenAny(task, Task.Delay(200));
            }

            outcome = await task;
            context.UpdateTarget(Render());
        });
        return outcome!;
    }

    private void Plain(HistoryEvent e)
    {
        if (Record(e) is not { } row)
            return;
        console.WriteLine(row.Exited is { } exited
            ? $"[{Clock()}] {row.Name} {row.Status} in {Seconds(exited - row.Entered)}"
            : $"[{Clock()}] {row.Name} {(row.Status == "failed" ? $"raised {row.Error ?? "an error"}" : "...")}");
        if (row.Exited is not null && row.Name == "Train")
        {
            foreach (var (name, value) in observer.Metrics.OrderBy(m => m.Key, StringComparer.Ordinal))
                console.WriteLine($"           metric {name} = {value.ToString(CultureInfo.InvariantCulture)}");
        }
    }

    private string Clock() => Seconds(Stopwatch.GetElapsedTime(_started)).PadLeft(7);

    /// <summary>Tracks task and wait states; returns the row that changed, if any.</summary>
    private StateRow? Record(HistoryEvent e)
    {
        lock (_gate)
        {
            switch (e.Details)
            {
                case StateEnteredEventDetails entered when e.Type is HistoryEventType.TaskStateEntered:
                    var row = new StateRow(entered.Name, e.Timestamp);
                    _rows.Add(row);
                    _open[entered.Name] = row;
                    return row;
                case StateExitedEventDetails exited when e.Type is HistoryEventType.TaskStateExited && _open.Remove(exited.Name, out var done):
                    done.Exited = e.Timestamp;
                    if (done.Status == "failed")
                        return null; // already reported when it failed
                    done.Status = "done";
                    return done;
            }

            if (e.Type is HistoryEventType.TaskFailed or HistoryEventType.TaskTimedOut && _rows.LastOrDefault(r => r.Exited is null && r.Status != "failed") is { } failing)
            {
                // The pipeline catches some errors on purpose (no endpoint yet means a first deployment): name the
                // error, and let the states that follow show whether the build goes on.
                failing.Status = "failed";
                failing.Error = (e.Details as ErrorEventDetails)?.Error;
                return failing;
            }

            return null;
        }
    }

    private Rows Render()
    {
        var table = new Table().Border(TableBorder.Rounded).Title("[bold]SageBuild pipeline[/]")
            .AddColumn("state").AddColumn(new TableColumn("time").RightAligned()).AddColumn("status");
        lock (_gate)
        {
            foreach (var row in _rows.TakeLast(ShownStates))
            {
                var elapsed = (row.Exited ?? DateTimeOffset.UtcNow) - row.Entered;
                var status = row.Status == "failed" ? $"[red]raised {Markup.Escape(row.Error ?? "an error")}[/]" : row.Exited is null ? "[yellow]running[/]" : "[green]done[/]";
                table.AddRow(Markup.Escape(row.Name), Seconds(elapsed), status);
            }
        }

        var tail = observer.Tail();
        var log = new Panel(new Text(tail.Count == 0 ? " " : string.Join(Environment.NewLine, tail.Select(l => l.Length > 110 ? l[..110] + "…" : l))))
            .Header(Markup.Escape(observer.CurrentJob ?? "log")).Expand();
        var metrics = observer.Metrics.Count == 0
            ? new Text("metrics: none yet")
            : new Text("metrics: " + string.Join("  ", observer.Metrics.OrderBy(m => m.Key, StringComparer.Ordinal).Select(m => $"{m.Key}={m.Value.ToString(CultureInfo.InvariantCulture)}")));
        return new Rows(table, log, metrics, new Text($"elapsed {Seconds(Stopwatch.GetElapsedTime(_started))}"));
    }

    private static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s";

    private sealed class StateRow(string name, DateTimeOffset entered)
    {
        public string Name { get; } = name;

        public DateTimeOffset Entered { get; } = entered;

        public DateTimeOffset? Exited { get; set; }

        public string Status { get; set; } = "running";

        public string? Error { get; set; }
    }
}
