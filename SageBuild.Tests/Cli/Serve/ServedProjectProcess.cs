using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Threading.Channels;
using SageBuild.StateMachines.Json;

namespace SageBuild.Tests.Cli.Serve;

/// <summary>
/// <c>sagebuild serve --port 0 --json --project DIR</c> as a real child process: every JSON line it prints is kept in
/// order (the listening line, the project line, then the builds' events), and its Step Functions API is called over HTTP
/// as any awsJson client calls it. Stopped with SIGTERM (SIGKILL if it hangs).
/// </summary>
internal sealed class ServedProjectProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Channel<JsonObject> _lines = Channel.CreateUnbounded<JsonObject>();
    private readonly List<JsonObject> _seen = [];
    private readonly StringBuilder _errors = new();
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };

    private ServedProjectProcess(Process process) => _process = process;

    /// <summary>The Step Functions API, such as <c>http://127.0.0.1:40123</c>.</summary>
    public string ApiUrl { get; private set; } = "";

    /// <summary>The project line: its pipeline, endpoint and what it watches.</summary>
    public JsonObject Project { get; private set; } = JsonObject.Empty;

    /// <summary>Every event line read so far (after the listening and project lines).</summary>
    public IReadOnlyList<JsonObject> Events => _seen;

    public static async Task<ServedProjectProcess> StartAsync(string projectDirectory)
    {
        var program = Path.Combine(TestContext.CurrentContext.TestDirectory, "sagebuild.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, StandardOutputEncoding = Encoding.UTF8 };
        foreach (var argument in (string[])[program, "serve", "--port", "0", "--json", "--project", projectDirectory])
            start.ArgumentList.Add(argument);
        var served = new ServedProjectProcess(Process.Start(start) ?? throw new InvalidOperationException("could not start dotnet sagebuild.dll serve"));
        served._process.ErrorDataReceived += (_, e) =>
        {
            lock (served._errors)
                served._errors.AppendLine(e.Data);
        };
        served._process.BeginErrorReadLine();
        _ = served.ReadLinesAsync();
        var listening = await served.NextAsync(TimeSpan.FromSeconds(60), "the listening line");
        served.ApiUrl = ((JsonString)listening["endpoint"]).Value;
        served.Project = await served.NextAsync(TimeSpan.FromSeconds(60), "the project line");
        Assert.That(served.Project["event"], Is.EqualTo((JsonValue)JsonString.From("project")), served.Project.ToJson());
        return served;
    }

    /// <summary>Reads event lines until one with <c>event</c> = <paramref name="name"/>; fails after <paramref name="timeout"/>.</summary>
    public async Task<JsonObject> WaitForEventAsync(string name, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (true)
        {
            var left = until - DateTime.UtcNow;
            var line = await NextAsync(left > TimeSpan.Zero ? left : TimeSpan.Zero, $"an event '{name}'");
            _seen.Add(line);
            if (line["event"] is JsonString { Value: var e } && e == name)
                return line;
        }
    }

    /// <summary>Reads the event lines printed within <paramref name="quiet"/> (to show that nothing else happens).</summary>
    public async Task DrainAsync(TimeSpan quiet)
    {
        using var timeout = new CancellationTokenSource(quiet);
        try
        {
            while (true)
                _seen.Add(await _lines.Reader.ReadAsync(timeout.Token));
        }
        catch (OperationCanceledException)
        {
            // quiet for long enough
        }
    }

    /// <summary>Calls a Step Functions operation on the served API.</summary>
    public async Task<JsonObject> CallAsync(string operation, JsonObject request)
    {
        using var content = new StringContent(request.ToJson(), Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-amz-json-1.0");
        using var message = new HttpRequestMessage(HttpMethod.Post, new Uri(ApiUrl + "/")) { Content = content };
        message.Headers.Add("X-Amz-Target", "AWSStepFunctions." + operation);
        using var response = await _http.SendAsync(message);
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.IsSuccessStatusCode, Is.True, $"{operation}: HTTP {(int)response.StatusCode} {text}");
        return (JsonObject)JsonValue.Parse(text);
    }

    /// <summary>The pipeline's executions, as ListExecutions answers, each with its input (DescribeExecution), oldest first.</summary>
    public async Task<IReadOnlyList<JsonObject>> ExecutionInputsAsync()
    {
        var list = await CallAsync("ListExecutions", JsonObject.Create(("stateMachineArn", Project["stateMachineArn"])));
        var inputs = new List<(double Start, JsonObject Input)>();
        foreach (var execution in ((JsonArray)list["executions"]).Cast<JsonObject>())
        {
            var described = await CallAsync("DescribeExecution", JsonObject.Create(("executionArn", execution["executionArn"])));
            inputs.Add((((JsonNumber)described["startDate"]).Value, (JsonObject)JsonValue.Parse(((JsonString)described["input"]).Value)));
        }

        return [.. inputs.OrderBy(i => i.Start).Select(i => i.Input)];
    }

    public string StandardError
    {
        get
        {
            lock (_errors)
                return _errors.ToString();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        try
        {
            if (!_process.HasExited)
            {
                using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
                    await kill.WaitForExitAsync();
                try
                {
                    await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
                }
                catch (TimeoutException)
                {
                    _process.Kill(entireProcessTree: true);
                    throw new AssertionException("sagebuild serve did not stop within 30 s of SIGTERM");
                }
            }
        }
        finally
        {
            _process.Dispose();
        }
    }

    private async Task<JsonObject> NextAsync(TimeSpan timeout, string what)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            return await _lines.Reader.ReadAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            throw new AssertionException($"sagebuild serve printed no {what} within {timeout.TotalSeconds:0} s; events so far: {string.Join("\n", _seen.Select(l => l.ToJson()))}\nstderr: {StandardError}");
        }
        catch (ChannelClosedException)
        {
            throw new AssertionException($"sagebuild serve exited before printing {what}; stderr: {StandardError}");
        }
    }

    private async Task ReadLinesAsync()
    {
        while (await _process.StandardOutput.ReadLineAsync() is { } line)
        {
            if (line.TrimStart().StartsWith('{'))
                _lines.Writer.TryWrite((JsonObject)JsonValue.Parse(line));
        }

        _lines.Writer.TryComplete();
    }
}
