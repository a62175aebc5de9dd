using System.Globalization;
using Spectre.Console;

namespace SageBuild.Cli.Benchmarking;

/// <summary>Renders a <see cref="BenchReport"/> for people.</summary>
internal static class BenchTable
{
    public static void Render(IAnsiConsole console, BenchReport report)
    {
        foreach (var row in report.Rows)
            console.MarkupLine(Markup.Escape($"({row.Workload.Key}) {row.Workload.Title}"));
        if (report.Rows.Any(r => r.Baseline is not null))
        {
            // The JSONata variant against SageBuild's own JSONPath run of the same shapes (no peer runs JSONata).
            console.Write(Rows(report, ["JSONata s", "JSONata tr/s", "JSONPath s", "JSONPath tr/s", "JSONata / JSONPath"],
                row => row.Baseline, row => row.BaselineRatio is { } ratio ? ratio.ToString("0.00", CultureInfo.InvariantCulture) + "x" : "-"));
            console.MarkupLine(Markup.Escape($"{report.Machine}; {report.Date:yyyy-MM-dd}"));
            return;
        }

        console.Write(Rows(report, ["SageBuild s", "SageBuild tr/s", $"aws-local-stepfunctions {AwsLocalStepFunctionsPeer.Version} s", "peer tr/s", "ratio"],
            row => row.Peer, row => row.Ratio is { } ratio ? ratio.ToString("0.0", CultureInfo.InvariantCulture) + "x" : "-"));
        if (report.InlineLimit is { } inline)
        {
            var verdict = inline.FailedAsAws ? "[green]fails as AWS does[/]" : "[red]does NOT fail on the history limit[/]";
            console.MarkupLine($"INLINE Map over {inline.Items:N0} items: {Markup.Escape(inline.Status)} {Markup.Escape(inline.Error ?? "")} ({Markup.Escape(inline.Cause ?? "")}) {verdict}");
        }

        if (report.Memory is { } m)
        {
            console.MarkupLine(
                $"Memory across {m.Executions:N0} executions: GC heap {Megabytes(m.HeapBefore)} -> {Megabytes(m.HeapAfter)}, working set {Megabytes(m.WorkingSetBefore)} -> {Megabytes(m.WorkingSetAfter)}");
        }

        console.MarkupLine(Markup.Escape($"{report.Machine}; {report.Date:yyyy-MM-dd}"));
    }

    /// <summary>
    /// A row per workload: SageBuild's run, the run it is compared with (<paramref name="compared"/>) and their ratio,
    /// and durable mode. <paramref name="headers"/> names the measured run's two columns, the compared run's two and the ratio.
    /// </summary>
    private static Table Rows(BenchReport report, string[] headers, Func<BenchRow, BenchMeasurement?> compared, Func<BenchRow, string> ratio)
    {
        var table = new Table().AddColumns("", "transitions", headers[0], headers[1], "B/tr", headers[2], headers[3], headers[4], "durable tr/s", "durable/in-memory");
        foreach (var row in report.Rows)
        {
            var other = compared(row);
            table.AddRow(
                row.Workload.Key,
                Number(row.Workload.Transitions),
                Seconds(row.SageBuild.Elapsed),
                Number(row.SageBuild.TransitionsPerSecond),
                row.SageBuild.AllocatedBytesPerTransition is { } bytes ? Number(bytes) : "-",
                other is null ? "-" : Seconds(other.Elapsed),
                other is null ? "-" : Number(other.TransitionsPerSecond),
                ratio(row),
                Durable(row),
                DurableShare(row));
        }

        return table;
    }

    private static string Durable(BenchRow row) => row.Durable is null ? "-" : Number(row.Durable.TransitionsPerSecond);

    private static string DurableShare(BenchRow row) => row.DurableShare is { } share ? share.ToString("0%", CultureInfo.InvariantCulture) : "-";

    private static string Number(double value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Seconds(TimeSpan elapsed) => elapsed.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture);

    private static string Megabytes(long bytes) => (bytes / 1048576.0).ToString("0.0", CultureInfo.InvariantCulture) + " MB";
}
