using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using SageBuild.StateMachines.Json;

namespace SageBuild.Tests.Differential;

/// <summary>
/// moto_server 5.2.1 (preinstalled; Step Functions executions run on LocalStack's ASL interpreter), started once on a
/// free loopback port and driven over its HTTP API. Its second StartExecution on one server fails with HTTP 500, so
/// every execution starts from <c>POST /moto-api/reset</c> and a fresh configuration.
/// </summary>
internal sealed class MotoServer : IAsyncDisposable
{
    private const string Role = "arn:aws:iam::123456789012:role/sagebuild-differential";
    private readonly Process _process;
    private readonly HttpClient _http;
    private readonly StringBuilder _log = new();

    private MotoServer(Process process, int port)
    {
        _process = process;
        _http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(60) };
    }

    public static async Task<MotoServer> StartAsync()
    {
        var port = FreePort();
        var start = new ProcessStartInfo("moto_server") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "-H", "127.0.0.1", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture) })
            start.ArgumentList.Add(argument);
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            Assert.Fail($"moto_server is not on PATH ({e.Message}): install moto[server]==5.2.1 (pip) for the differential tests");
            throw;
        }

        var server = new MotoServer(process, port);
        process.OutputDataReceived += (_, e) => server.Log(e.Data);
        process.ErrorDataReceived += (_, e) => server.Log(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            try
            {
                using var response = await server._http.PostAsync("/moto-api/reset", null);
                if (response.IsSuccessStatusCode)
                    return server;
            }
            catch (HttpRequestException)
            {
            }

            if (process.HasExited || DateTime.UtcNow > deadline)
            {
                await server.DisposeAsync();
                Assert.Fail($"moto_server did not start on port {port}: {server.LogText()}");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>Runs one execution to its end: <c>{status, output | error, cause}</c>, or REFUSED when moto will not take it.</summary>
    public async Task<JsonObject> RunAsync(string definition, JsonValue input)
    {
        using (await _http.PostAsync("/moto-api/reset", null))
        {
        }

        using (await _http.PostAsync("/moto-api/config", Json(JsonObject.Create(("stepfunctions", JsonObject.Create(("execute_state_machine", true)))))))
        {
        }

        var created = await CallAsync("CreateStateMachine", JsonObject.Create(("name", "differential"), ("definition", definition), ("roleArn", Role)));
        if (created.Error is { } refused)
            return JsonObject.Create(("status", "REFUSED"), ("cause", refused));
        var started = await CallAsync("StartExecution", JsonObject.Create(("stateMachineArn", created.Body!["stateMachineArn"]), ("input", input.ToJson())));
        if (started.Error is { } notStarted)
            return JsonObject.Create(("status", "REFUSED"), ("cause", notStarted));
        var arn = started.Body!["executionArn"];
        for (var attempt = 0; attempt < 3000; attempt++)
        {
            var described = await CallAsync("DescribeExecution", JsonObject.Create(("executionArn", arn)));
            if (described.Body is not { } body)
                return JsonObject.Create(("status", "PEER_ERROR"), ("cause", described.Error));
            var status = ((JsonString)body["status"]).Value;
            // moto's interpreter thread can show SUCCEEDED a moment before it sets the output (AWS never does): ask again.
            var outputPending = status == "SUCCEEDED" && !body.ContainsKey("output") && attempt < 100;
            if (status != "RUNNING" && !outputPending)
            {
                var answer = new JsonObjectBuilder();
                answer.Set("status", status);
                if (status == "SUCCEEDED")
                    answer.Set("output", body.TryGetValue("output", out var output) && output is JsonString text ? JsonValue.Parse(text.Value) : JsonNull.Instance);
                answer.Set("error", body.TryGetValue("error", out var error) ? error : JsonNull.Instance);
                answer.Set("cause", body.TryGetValue("cause", out var cause) ? cause : JsonNull.Instance);
                return answer.Build();
            }

            await Task.Delay(attempt < 20 ? 2 : 20);
        }

        return JsonObject.Create(("status", "TIMED_OUT_LOCALLY"), ("cause", "moto did not finish the execution within a minute"));
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        try
        {
            if (!_process.HasExited)
                _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        finally
        {
            _process.Dispose();
        }
    }

    private async Task<(JsonObject? Body, string? Error)> CallAsync(string operation, JsonObject request)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, "/") { Content = Json(request) };
        message.Headers.TryAddWithoutValidation("X-Amz-Target", "AWSStepFunctions." + operation);
        // moto reads the region from the credential scope; it does not check the signature.
        message.Headers.TryAddWithoutValidation("Authorization", "AWS4-HMAC-SHA256 Credential=differential/20240101/us-east-1/states/aws4_request, SignedHeaders=host, Signature=0");
        using var response = await _http.SendAsync(message);
        var text = await response.Content.ReadAsStringAsync();
        if (response.StatusCode == HttpStatusCode.OK)
            return ((JsonObject)JsonValue.Parse(text), null);
        return (null, $"{operation}: HTTP {(int)response.StatusCode} {text[..Math.Min(text.Length, 500)]}");
    }

    private static StringContent Json(JsonValue value) => new(value.ToJson(), Encoding.UTF8, "application/x-amz-json-1.0");

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void Log(string? line)
    {
        if (line is null)
            return;
        lock (_log)
        {
            if (_log.Length < 20_000)
                _log.AppendLine(line);
        }
    }

    private string LogText()
    {
        lock (_log)
            return _log.ToString();
    }
}
