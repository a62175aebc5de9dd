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
            RenderJsonata(console, report);
            return;
        }

        var table = new Table().AddColumns("", "transitions", "SageBuild s", "SageBuild tr/s", "B/tr", $"aws-local-stepfunctions {AwsLocalStepFunctionsPeer.Version} s", "peer tr/s", "ratio", "durable tr/s", "durable/in-memory");
        foreach (var row in report.Rows)
        {
            table.AddRow(
                row.Workload.Key,
                Number(row.Workload.Transitions),
                Seconds(row.SageBuild.Elapsed),
                Number(row.SageBuild.TransitionsPerSecond),
                row.SageBuild.AllocatedBytesPerTransition is { } bytes ? Number(bytes) : "-",
                row.Peer is null ? "-" : Seconds(row.Peer.Elapsed),
                row.Peer is null ? "-" : Number(row.Peer.TransitionsPerSecond),
                row.Ratio is { } ratio ? ratio.ToString("0.0", CultureInfo.InvariantCulture) + "x" : "-",
                Durable(row),
                DurableShare(row));
        }

        console.Write(table);
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

    /// <summary>The JSONata variant against SageBuild's own JSONPath run of the same shapes (no peer runs JSONata).</summary>
    private static void RenderJsonata(IAnsiConsole console, BenchReport report)
    {
        var table = new Table().AddColumns("", "transitions", "JSONata s", "JSONata tr/s", "B/tr", "JSONPath s", "JSONPath tr/s", "JSONata / JSONPath", "durable tr/s", "durable/in-memory");
        foreach (var row in report.Rows)
        {
            table.AddRow(
                row.Workload.Key,
                Number(row.Workload.Transitions),
                Seconds(row.SageBuild.Elapsed),
                Number(row.SageBuild.TransitionsPerSecond),
                row.SageBuild.AllocatedBytesPerTransition is { } bytes ? Number(bytes) : "-",
                row.Baseline is null ? "-" : Seconds(row.Baseline.Elapsed),
                row.Baseline is null ? "-" : Number(row.Baseline.TransitionsPerSecond),
                row.BaselineRatio is { } ratio ? ratio.ToString("0.00", CultureInfo.InvariantCulture) + "x" : "-",
                Durable(row),
                DurableShare(row));
        }

        console.Write(table);
        console.MarkupLine(Markup.Escape($"{report.Machine}; {report.Date:yyyy-MM-dd}"));
    }

    private static string Durable(BenchRow row) => row.Durable is null ? "-" : Number(row.Durable.TransitionsPerSecond);

    private static string DurableShare(BenchRow row) => row.DurableShare is { } share ? share.ToString("0%", CultureInfo.InvariantCulture) : "-";

    private static string Number(double value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Seconds(TimeSpan elapsed) => elapsed.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture);

    private static string Megabytes(long bytes) => (bytes / 1048576.0).ToString("0.0", CultureInfo.InvariantCulture) + " MB";
}
