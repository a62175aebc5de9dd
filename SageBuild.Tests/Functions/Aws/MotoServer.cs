using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace SageBuild.Tests.Functions.Aws;

/// <summary>
/// moto_server (preinstalled with the machine's Python) on a free loopback port: an independent implementation of
/// AWS's SSM API. It routes each call by the service of its SigV4 signature, so only signed calls reach SSM.
/// </summary>
internal sealed class MotoServer : IDisposable
{
    private readonly Process _process;

    private MotoServer(Process process, Uri endpoint)
    {
        _process = process;
        Endpoint = endpoint;
    }

    public Uri Endpoint { get; }

    public static async Task<MotoServer> StartAsync()
    {
        int port;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }

        var start = new ProcessStartInfo("moto_server") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "-H", "127.0.0.1", "-p", port.ToString(CultureInfo.InvariantCulture) })
            start.ArgumentList.Add(argument);
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            Assert.Fail($"moto_server could not be started ({e.Message}): it comes with the machine's Python (pip install 'moto[server]')");
            throw;
        }

        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new MotoServer(process, new Uri($"http://127.0.0.1:{port}/"));
        for (var waited = TimeSpan.Zero; waited < TimeSpan.FromSeconds(60); waited += TimeSpan.FromMilliseconds(200))
        {
            if (process.HasExited)
                Assert.Fail($"moto_server exited with {process.ExitCode} before it listened on {port}");
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return server;
            }
            catch (SocketException)
            {
                await Task.Delay(200);
            }
        }

        server.Dispose();
        Assert.Fail($"moto_server did not listen on {port} within a minute");
        throw new InvalidOperationException("unreachable");
    }

    public void Dispose()
    {
        if (!_process.HasExited)
            _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
        _process.Dispose();
    }
}
