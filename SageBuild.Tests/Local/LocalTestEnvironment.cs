using System.Diagnostics;
using SageBuild.Engine.Integrations;
using SageBuild.Local;
using SageBuild.Local.Images;
using SageBuild.StateMachines.Json;

namespace SageBuild.Tests.Local;

/// <summary>
/// Real local backends in a fresh data directory, with the test fixtures' images registered, and a way to call
/// the integrations with the exact Resource and Parameters a Task state would send.
/// </summary>
internal sealed class LocalTestEnvironment : IAsyncDisposable
{
    private static readonly Lazy<string> ResolvedPython = new(ResolvePython);

    private LocalTestEnvironment(string root, LocalBackendsOptions options, LocalBackends backends, RecordingObserver observer)
    {
        Root = root;
        Options = options;
        Backends = backends;
        Observer = observer;
    }

    /// <summary>The python3 executable itself (pyenv's shim costs a tenth of a second per start).</summary>
    public static string Python => ResolvedPython.Value;

    public static string FixturesDirectory => Path.Combine(TestContext.CurrentContext.TestDirectory, "Local", "Fixtures");

    public string Root { get; }

    public string DataDirectory => Path.Combine(Root, "data");

    public LocalBackendsOptions Options { get; }

    public LocalBackends Backends { get; private set; }

    public RecordingObserver Observer { get; }

    /// <summary>The fixture images: the model (train and serve), a failing, a slow and a stubborn trainer.</summary>
    public static Dictionary<string, LocalImage> FixtureImages()
    {
        var python = Quote(Python);
        return new Dictionary<string, LocalImage>
        {
            ["model:v1"] = new() { TrainCommand = $"{python} model.py train", ServeCommand = $"exec {python} model.py serve", WorkingDirectory = FixturesDirectory },
            ["container:v1"] = new() { Entrypoint = $"{python} model.py", WorkingDirectory = FixturesDirectory },
            ["failing:v1"] = new() { TrainCommand = $"{python} failing_train.py", WorkingDirectory = FixturesDirectory },
            ["slow:v1"] = new() { TrainCommand = $"exec {python} slow_train.py", WorkingDirectory = FixturesDirectory },
            ["stubborn:v1"] = new() { TrainCommand = $"exec {python} slow_train.py --ignore-term", WorkingDirectory = FixturesDirectory },
            ["exits:v1"] = new() { TrainCommand = "echo 'the data is not what I expected'; exit 3", WorkingDirectory = FixturesDirectory },
        };
    }

    public static async Task<LocalTestEnvironment> StartAsync(Func<LocalBackendsOptions, LocalBackendsOptions>? configure = null)
    {
        var root = Path.Combine(Path.GetTempPath(), "sagebuild-local-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(root);
        var observer = new RecordingObserver();
        var options = new LocalBackendsOptions
        {
            DataDirectory = Path.Combine(root, "data"),
            Images = FixtureImages(),
            Observers = [observer],
            StopGracePeriod = TimeSpan.FromSeconds(3),
            PythonCommand = Python,
        };
        options = configure?.Invoke(options) ?? options;
        return new LocalTestEnvironment(root, options, await LocalBackends.StartAsync(options), observer);
    }

    /// <summary>Stops the backends and starts them again on the same data directory, as a new process would.</summary>
    public async Task RestartAsync()
    {
        await Backends.DisposeAsync();
        Backends = await LocalBackends.StartAsync(Options);
    }

    /// <summary>Calls the integration that serves <paramref name="resource"/> with <paramref name="parameters"/> (JSON).</summary>
    public ValueTask<IntegrationOutcome> CallAsync(string resource, string parameters, string stateName = "Task", int attempt = 0, CancellationToken cancellationToken = default)
    {
        var target = ResourceArns.Parse(resource);
        var integration = Backends.Integrations.SingleOrDefault(i => i.Keys.Contains(target.Key))
            ?? throw new AssertionException($"no local integration serves {target.Key}");
        Assert.That(integration.SupportedPatterns, Does.Contain(target.Pattern), $"{target.Key} does not support {target.Pattern}");
        var request = new IntegrationRequest(resource, target, JsonValue.Parse(parameters),
            new TaskCallContext("arn:aws:states:us-east-1:123456789012:execution:Pipeline:run-1", stateName, attempt, null, null));
        return integration.InvokeAsync(request, cancellationToken);
    }

    /// <summary>Calls and asserts success; returns the result object.</summary>
    public async Task<JsonObject> SucceedAsync(string resource, string parameters, CancellationToken cancellationToken = default)
    {
        var outcome = await CallAsync(resource, parameters, cancellationToken: cancellationToken);
        Assert.That(outcome.Failed, Is.False, $"{resource} failed: {outcome.Error}: {outcome.Cause}");
        return (JsonObject)outcome.Result!;
    }

    /// <summary>Puts <paramref name="content"/> at an s3:// URI of the local store.</summary>
    public void PutObject(string uri, string content)
    {
        var path = Backends.Artifacts.LocalPath(uri);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }

    public async ValueTask DisposeAsync()
    {
        await Backends.DisposeAsync();
        if (Environment.GetEnvironmentVariable("SAGEBUILD_KEEP_TEST_DATA") == "1")
            return;
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    public static string Quote(string text) => "'" + text.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    private static string ResolvePython()
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo("python3", ["-c", "import sys; print(sys.executable)"]) { RedirectStandardOutput = true })!;
            var path = process.StandardOutput.ReadToEnd().Trim();
            process.WaitForExit();
            return process.ExitCode == 0 && File.Exists(path) ? path : throw new AssertionException("python3 -c 'import sys' failed");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new AssertionException($"these tests run a Python 3 model, but python3 is not on PATH: {e.Message}");
        }
    }
}
