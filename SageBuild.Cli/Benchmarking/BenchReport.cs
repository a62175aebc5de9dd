using SageBuild.StateMachines.Json;

namespace SageBuild.Cli.Benchmarking;

/// <summary>What <c>sagebuild bench</c> measured: one row per workload, the inline-Map limit check and the memory check.</summary>
internal sealed record BenchReport(
    IReadOnlyList<BenchRow> Rows,
    InlineLimitCheck? InlineLimit,
    MemoryMeasurement? Memory,
    string Machine,
    DateTimeOffset Date)
{
    /// <summary>The report as one JSON object.</summary>
    public JsonObject ToJson()
    {
        var rows = Rows.Select(r => (JsonValue)JsonObject.Create(
            ("workload", r.Workload.Key),
            ("title", r.Workload.Title),
            ("transitions", r.Workload.Transitions),
            ("sagebuildSeconds", r.SageBuild.Elapsed.TotalSeconds),
            ("sagebuildTransitionsPerSecond", Math.Round(r.SageBuild.TransitionsPerSecond)),
            ("peerSeconds", r.Peer is null ? JsonNull.Instance : r.Peer.Elapsed.TotalSeconds),
            ("peerTransitionsPerSecond", r.Peer is null ? JsonNull.Instance : Math.Round(r.Peer.TransitionsPerSecond)),
            ("sagebuildAllocatedBytesPerTransition", r.SageBuild.AllocatedBytesPerTransition is { } perTransition ? Math.Round(perTransition) : JsonNull.Instance),
            ("ratio", r.Ratio is { } ratio ? Math.Round(ratio, 1) : JsonNull.Instance),
            ("durableSeconds", r.Durable is null ? JsonNull.Instance : r.Durable.Elapsed.TotalSeconds),
            ("durableTransitionsPerSecond", r.Durable is null ? JsonNull.Instance : Math.Round(r.Durable.TransitionsPerSecond)),
            ("durableShareOfInMemory", r.DurableShare is { } share ? Math.Round(share, 3) : JsonNull.Instance),
            ("jsonPathSeconds", r.Baseline is null ? JsonNull.Instance : r.Baseline.Elapsed.TotalSeconds),
            ("jsonPathTransitionsPerSecond", r.Baseline is null ? JsonNull.Instance : Math.Round(r.Baseline.TransitionsPerSecond)),
            ("jsonataToJsonPathRatio", r.BaselineRatio is { } baseline ? Math.Round(baseline, 2) : JsonNull.Instance)));
        var report = new JsonObjectBuilder();
        report.Set("machine", Machine);
        report.Set("date", Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        // The JSONata variant is compared with SageBuild's JSONPath run of the same shapes: no peer runs JSONata.
        report.Set("peer", Rows.Any(r => r.Baseline is not null) ? "SageBuild, JSONPath variant" : $"aws-local-stepfunctions {AwsLocalStepFunctionsPeer.Version}");
        report.Set("rows", JsonArray.Create(rows));
        if (InlineLimit is { } inline)
        {
            report.Set("inlineLimit", JsonObject.Create(("items", inline.Items), ("status", inline.Status), ("error", inline.Error ?? (JsonValue)JsonNull.Instance),
                ("cause", inline.Cause ?? (JsonValue)JsonNull.Instance)));
        }

        if (Memory is { } m)
        {
            report.Set("memory", JsonObject.Create(("executions", m.Executions), ("heapBefore", m.HeapBefore), ("heapAfter", m.HeapAfter),
                ("workingSetBefore", m.WorkingSetBefore), ("workingSetAfter", m.WorkingSetAfter)));
        }

        return report.Build();
    }
}
