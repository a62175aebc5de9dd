using System.ComponentModel;
using System.Globalization;
using SageBuild.Cli.Benchmarking;
using SageBuild.StateMachines.Model;
using Spectre.Console;
using Spectre.Console.Cli;

namespace SageBuild.Cli.Commands;

/// <summary>
/// <c>sagebuild bench</c>: issue 3's workloads on the embedded engine and on npm aws-local-stepfunctions, in the same
/// run on the same machine; prints transitions per second and their ratio, the inline-Map history-limit check and
/// the memory check.
/// </summary>
[Description("Benchmark the embedded engine against aws-local-stepfunctions on issue 3's workloads (transitions per second and ratio).")]
public sealed class BenchCommand(IAnsiConsole console) : AsyncCommand<BenchCommand.Settings>
{
    /// <summary>The command's options.</summary>
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--workload <KEYS>")]
        [Description("The workloads to run, comma-separated from a,b,c,d,e. Default: all.")]
        public string? Workloads { get; init; }

        [CommandOption("--scale <FACTOR>")]
        [Description("Multiplies every workload's size (executions, items, iterations, branches); 1 is the reported size. Default: 1.")]
        [DefaultValue(1.0)]
        public double Scale { get; init; } = 1.0;

        [CommandOption("--query-language <LANGUAGE>")]
        [Description("JSONPath (default), or JSONata: the same workloads in JSONata, each timed against SageBuild's JSONPath run of the same shape (no peer runs JSONata).")]
        [DefaultValue("JSONPath")]
        public string QueryLanguage { get; init; } = "JSONPath";

        [CommandOption("--peer-dir <DIR>")]
        [Description("The installed tools/aws-local-stepfunctions folder. Default: found above the current folder.")]
        public string? PeerDirectory { get; init; }

        [CommandOption("--no-peer")]
        [Description("Measure SageBuild only (for profiling); the report then has no ratios.")]
        public bool NoPeer { get; init; }

        [CommandOption("--inline-items <N>")]
        [Description("Items of the INLINE Map that must fail on the 25,000-event history limit (not scaled); 0 skips the check. Default: 20000.")]
        [DefaultValue(20_000)]
        public int InlineItems { get; init; } = 20_000;

        [CommandOption("--memory-executions <N>")]
        [Description("Executions across which the heap and working set are read; 0 skips the check. Default: 10000.")]
        [DefaultValue(10_000)]
        public int MemoryExecutions { get; init; } = 10_000;

        [CommandOption("--rounds <N>")]
        [Description("Times each workload on each engine N times, alternating, and keeps each engine's best (the machine may be shared). Default: 5.")]
        [DefaultValue(5)]
        public int Rounds { get; init; } = 5;

        [CommandOption("--no-durable")]
        [Description("Skip durable mode (every workload again on a SQLite store in a temporary file, beside in-memory).")]
        public bool NoDurable { get; init; }

        [CommandOption("--json")]
        [Description("Print the report as one JSON object.")]
        public bool Json { get; init; }

        /// <inheritdoc />
        public override ValidationResult Validate()
        {
            if (Scale is <= 0 or > 100)
                return ValidationResult.Error($"--scale must be above 0 and at most 100, not {Scale.ToString(CultureInfo.InvariantCulture)}");
            if (QueryLanguage is not ("JSONPath" or "JSONata"))
                return ValidationResult.Error($"--query-language is JSONPath or JSONata, not '{QueryLanguage}'");
            if (Rounds is < 1 or > 50)
                return ValidationResult.Error($"--rounds is 1 to 50, not {Rounds}");
            if (InlineItems < 0 || MemoryExecutions < 0)
                return ValidationResult.Error("--inline-items and --memory-executions cannot be negative");
            if (Keys() is { } keys && keys.FirstOrDefault(k => k is not ("a" or "b" or "c" or "d" or "e")) is { } unknown)
                return ValidationResult.Error($"--workload takes a,b,c,d,e; '{unknown}' is not one of them");
            if (PeerDirectory is not null && !Directory.Exists(PeerDirectory))
                return ValidationResult.Error($"--peer-dir: no folder at '{PeerDirectory}'");
            return ValidationResult.Success();
        }

        internal string[]? Keys() => Workloads?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    /// <inheritdoc />
    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var jsonata = settings.QueryLanguage == "JSONata";
        IReadOnlyList<BenchWorkload> workloads = BenchWorkloads.For(jsonata ? QueryLanguage.JSONata : QueryLanguage.JSONPath, settings.Scale);

        if (settings.Keys() is { } keys)
            workloads = [.. workloads.Where(w => keys.Contains(w.Key))];
        string? peerDirectory = null;
        if (!settings.NoPeer && !jsonata)
        {
            peerDirectory = settings.PeerDirectory ?? AwsLocalStepFunctionsPeer.FindToolDirectory(Environment.CurrentDirectory);
            if (peerDirectory is null)
            {
                console.MarkupLine("[red]tools/aws-local-stepfunctions was not found above the current folder: give --peer-dir, or --no-peer[/]");
                return ExitCodes.UsageError;
            }
        }

        BenchReport report;
        using var durableFolder = settings.NoDurable ? null : new TemporaryFolder();
        try
        {
            var runner = new BenchRunner(peerDirectory, settings.Rounds, TimeProvider.System, durableFolder?.Path);
            report = await runner.RunAsync(workloads, settings.InlineItems, settings.MemoryExecutions, line =>
            {
                if (!settings.Json)
                    console.MarkupLine($"[grey]{Markup.Escape(line)}[/]");
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is InvalidOperationException or SageBuild.Engine.Api.StepFunctionsException)
        {
            console.MarkupLine($"[red]{Markup.Escape(e.Message)}[/]");
            return ExitCodes.Failure;
        }

        if (settings.Json)
            console.WriteRaw(report.ToJson().ToJson() + Environment.NewLine);
        else
            BenchTable.Render(console, report);
        return ExitCodes.Success;
    }
}
