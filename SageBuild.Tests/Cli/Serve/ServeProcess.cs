using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace SageBuild.Tests.Cli.Serve;

/// <summary>
/// <c>sagebuild serve --port 0 --json</c> as a real child process (the built program, as a user runs it): started on a
/// free loopback port, its endpoint read from the JSON line it prints, stopped with SIGTERM (SIGKILL if it hangs).
/// </summary>
internal sealed class ServeProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _errors = new();

    private ServeProcess(Process process, string endpoint, string dashboardUrl, bool signaturesRequired)
    {
        _process = process;
        EndpointUrl = endpoint;
        DashboardUrl = dashboardUrl;
        SignaturesRequired = signaturesRequired;
    }

    /// <summary>The API's endpoint, such as <c>http://127.0.0.1:40123</c> (no trailing slash, as the AWS CLIs print it).</summary>
    public string EndpointUrl { get; }

    public string DashboardUrl { get; }

    public bool SignaturesRequired { get; }

    /// <summary>The executions a server with <c>--data-dir</c> resumed on start.</summary>
    public int ResumedExecutions { get; private init; }

    public string StandardError
    {
        get
        {
            lock (_errors)
                return _errors.ToString();
        }
    }

    public static async Task<ServeProcess> StartAsync(params string[] arguments)
    {
        var program = Path.Combine(TestContext.CurrentContext.TestDirectory, "sagebuild.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
        };
        foreach (var argument in (string[])[program, "serve", "--port", "0", "--json", .. arguments])
            start.ArgumentList.Add(argument);
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("AWS_", StringComparison.Ordinal)).ToList())
            start.Environment.Remove(key);
        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start dotnet sagebuild.dll serve");
        var errors = new StringBuilder();
        process.ErrorDataReceived += (_, e) =>
        {
            lock (errors)
                errors.AppendLine(e.Data);
        };
        process.BeginErrorReadLine();

        string? line;
        try
        {
            line = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60));
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            throw new AssertionException($"sagebuild serve printed no endpoint within 60 s; stderr: {errors}");
        }

        if (line is null)
        {
            await process.WaitForExitAsync();
            throw new AssertionException($"sagebuild serve exited with {process.ExitCode} before listening; stderr: {errors}");
        }

        using var json = JsonDocument.Parse(line);
        var root = json.RootElement;
        // Keep draining stdout so the server never blocks on a full pipe.
        _ = process.StandardOutput.ReadToEndAsync();
        var serve = new ServeProcess(process, root.GetProperty("endpoint").GetString()!, root.GetProperty("dashboardUrl").GetString()!, root.GetProperty("signaturesRequired").GetBoolean())
        {
            ResumedExecutions = root.TryGetProperty("resumedExecutions", out var resumed) ? resumed.GetInt32() : 0,
        };
        lock (errors)
            serve._errors.Append(errors);
        return serve;
    }

    /// <summary>Stops the server as Ctrl-C would, and returns its exit code.</summary>
    public async Task<int> StopAsync()
    {
        if (_process.HasExited)
            return _process.ExitCode;
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            await kill.WaitForExitAsync();
        try
        {
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(20));
        }
        catch (TimeoutException)
        {
            _process.Kill(entireProcessTree: true);
            throw new AssertionException("sagebuild serve did not stop within 20 s of SIGTERM");
        }

        return _process.ExitCode;
    }

    /// <summary>Kills the server with SIGKILL, as a crash would: no shutdown code runs.</summary>
    public async Task KillAsync()
    {
        if (_process.HasExited)
            return;
        using (var kill = Process.Start("kill", ["-KILL", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            await kill.WaitForExitAsync();
        await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(20));
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
                await StopAsync();
        }
        finally
        {
            _process.Dispose();
        }
    }
}
