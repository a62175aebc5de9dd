using System.Diagnostics;
using System.Globalization;
using System.Text;
using SageBuild.StateMachines.Json;

namespace SageBuild.Cli.Benchmarking;

/// <summary>
/// npm aws-local-stepfunctions 3.0.0 in one long-lived Node process (<c>tools/aws-local-stepfunctions/run-batch.mjs</c>):
/// requests and answers are JSON lines. Used by the benchmark (timed batches) and by the differential tests (one
/// execution per request). Node 20 needs the <c>Promise.withResolvers</c> polyfill, loaded with <c>--import</c>.
/// </summary>
internal sealed class AwsLocalStepFunctionsPeer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _errors = new();
    private int _next;

    private AwsLocalStepFunctionsPeer(Process process)
    {
        _process = process;
        _process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (_errors)
                    _errors.AppendLine(e.Data);
            }
        };
        _process.BeginErrorReadLine();
    }

    /// <summary>The version the tool folder pins.</summary>
    public const string Version = "3.0.0";

    /// <summary>Starts the peer from <paramref name="toolDirectory"/> (which must have been installed with <c>npm ci</c>).</summary>
    /// <exception cref="InvalidOperationException">The tool is not installed, or node cannot be started.</exception>
    public static AwsLocalStepFunctionsPeer Start(string toolDirectory)
    {
        var library = Path.Combine(toolDirectory, "node_modules", "aws-local-stepfunctions", "package.json");
        if (!File.Exists(library))
            throw new InvalidOperationException($"aws-local-stepfunctions is not installed in {toolDirectory}: run `npm ci` there (scripts/test.sh does)");
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = toolDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = new UTF8Encoding(false),
            StandardInputEncoding = new UTF8Encoding(false),
        };
        foreach (var argument in new[] { "--import", "./polyfill.mjs", "run-batch.mjs" })
            start.ArgumentList.Add(argument);
        try
        {
            return new AwsLocalStepFunctionsPeer(Process.Start(start) ?? throw new InvalidOperationException("node did not start"));
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"node is not on PATH ({e.Message}): the peer runs on Node.js 20 or later", e);
        }
    }

    /// <summary>Finds <c>tools/aws-local-stepfunctions</c> in <paramref name="from"/> or a folder above it.</summary>
    public static string? FindToolDirectory(string from)
    {
        for (var folder = new DirectoryInfo(from); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, "tools", "aws-local-stepfunctions");
            if (File.Exists(Path.Combine(candidate, "run-batch.mjs")))
                return candidate;
        }

        return null;
    }

    /// <summary>Runs one execution and returns the peer's answer: <c>{status, output | error, cause}</c>.</summary>
    public Task<JsonObject> RunAsync(string definition, JsonValue input, CancellationToken cancellationToken = default) =>
        AskAsync(JsonObject.Create(("definition", definition), ("input", input)), cancellationToken);

    /// <summary>Runs <paramref name="executions"/> executions one after another (after one untimed warm-up) and times them.</summary>
    public async Task<(TimeSpan Elapsed, string Status)> BenchAsync(string definition, JsonValue input, int executions, CancellationToken cancellationToken = default)
    {
        var answer = await AskAsync(JsonObject.Create(("definition", definition), ("input", input), ("bench", executions)), cancellationToken).ConfigureAwait(false);
        if (!answer.TryGetValue("elapsedNs", out var ns) || ns is not JsonString text)
            throw new InvalidOperationException($"aws-local-stepfunctions did not time the workload: {answer.ToJson()}");
        var nanoseconds = long.Parse(text.Value, CultureInfo.InvariantCulture);
        return (TimeSpan.FromTicks(nanoseconds / 100), ((JsonString)answer["status"]).Value);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        try
        {
            _process.StandardInput.Close();
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await _process.WaitForExitAsync(wait.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
        }
        finally
        {
            _process.Dispose();
        }
    }

    private async Task<JsonObject> AskAsync(JsonObject request, CancellationToken cancellationToken)
    {
        var id = (++_next).ToString(CultureInfo.InvariantCulture);
        await _process.StandardInput.WriteLineAsync(request.With("id", id).ToJson().AsMemory(), cancellationToken).ConfigureAwait(false);
        await _process.StandardInput.FlushAsync(cancellationToken).ConfigureAwait(false);
        var line = await _process.StandardOutput.ReadLineAsync(cancellationToken).ConfigureAwait(false);
        if (line is null)
        {
            string errors;
            lock (_errors)
                errors = _errors.ToString();
            throw new InvalidOperationException($"aws-local-stepfunctions ended without answering: {errors}");
        }

        var answer = (JsonObject)JsonValue.Parse(line);
        return answer.TryGetValue("id", out var answered) && answered is JsonString s && s.Value == id
            ? answer
            : throw new InvalidOperationException($"aws-local-stepfunctions answered out of order: {line}");
    }
}
