using System.Text.Json;
using SageBuild.Tests.Support;

namespace SageBuild.Tests.Engine.Api;

/// <summary>One of the AWS CLIs installed on the machine, called as a user would call it against a local endpoint.</summary>
internal sealed class AwsCli
{
    private static readonly Lazy<Task<AwsCli>> V1Instance = new(FindV1Async);
    private static readonly Lazy<Task<AwsCli>> V2Instance = new(FindV2Async);

    private AwsCli(string path, string version)
    {
        Path = path;
        Version = version;
    }

    public string Path { get; }

    public string Version { get; }

    /// <summary>The exit code for an error the service answered: v1 exits 255, v2 exits 254.</summary>
    public int ServiceErrorExitCode => Version.StartsWith("aws-cli/1.", StringComparison.Ordinal) ? 255 : 254;

    /// <summary>The CLI by major version: "v1" (pip, first on PATH) or "v2" (Debian's awscli package).</summary>
    public static Task<AwsCli> GetAsync(string major) => major == "v1" ? V1Instance.Value : V2Instance.Value;

    /// <summary>Runs <c>aws stepfunctions …</c> against <paramref name="endpoint"/> with the given keys, in an empty HOME.</summary>
    public Task<ExternalProcess.Result> StepFunctionsAsync(
        string endpoint, string accessKeyId, string secretAccessKey, params string[] arguments) =>
        StepFunctionsAsync(endpoint, accessKeyId, secretAccessKey, new Dictionary<string, string>(), arguments);

    /// <summary>Like the other overload, with <paramref name="extraEnvironment"/> added to the CLI's environment.</summary>
    public async Task<ExternalProcess.Result> StepFunctionsAsync(
        string endpoint, string accessKeyId, string secretAccessKey, IReadOnlyDictionary<string, string> extraEnvironment, params string[] arguments)
    {
        using var home = new TemporaryDirectory();
        var environment = new Dictionary<string, string>
        {
            ["HOME"] = home.Path,
            ["AWS_ACCESS_KEY_ID"] = accessKeyId,
            ["AWS_SECRET_ACCESS_KEY"] = secretAccessKey,
            ["AWS_DEFAULT_REGION"] = "us-east-1",
            ["AWS_EC2_METADATA_DISABLED"] = "true",
            ["AWS_CONFIG_FILE"] = home.File("config"),
            ["AWS_SHARED_CREDENTIALS_FILE"] = home.File("credentials"),
            ["AWS_PAGER"] = string.Empty,
        };
        foreach (var (key, value) in extraEnvironment)
            environment[key] = value;
        return await ExternalProcess.RunAsync(Path, ["stepfunctions", .. arguments, "--endpoint-url", endpoint, "--output", "json"], environment);
    }

    /// <summary>The JSON a successful call printed; fails the test with what the CLI said otherwise.</summary>
    public static JsonElement Json(ExternalProcess.Result result)
    {
        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        using var document = JsonDocument.Parse(result.StandardOutput.Length == 0 ? "{}" : result.StandardOutput);
        return document.RootElement.Clone();
    }

    private static async Task<AwsCli> FindV1Async()
    {
        var path = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(System.IO.Path.PathSeparator)
            .Select(folder => System.IO.Path.Combine(folder, "aws"))
            .FirstOrDefault(File.Exists);
        if (path is null)
            Assert.Fail("AWS CLI v1 is not on PATH: install it with `pip install awscli` (it ships with botocore on this machine kind).");
        return await WithVersionAsync(path!, "aws-cli/1.", "pip install awscli");
    }

    private static async Task<AwsCli> FindV2Async()
    {
        var listing = await ExternalProcess.RunAsync("dpkg", ["-L", "awscli"]);
        var path = listing.ExitCode == 0
            ? listing.StandardOutput.Split('\n').FirstOrDefault(line => line.EndsWith("/bin/aws", StringComparison.Ordinal))
            : null;
        if (path is null)
            Assert.Fail("AWS CLI v2 is not installed: run `apt-get install -y --no-install-recommends awscli`.");
        return await WithVersionAsync(path!, "aws-cli/2.", "apt-get install -y --no-install-recommends awscli");
    }

    private static async Task<AwsCli> WithVersionAsync(string path, string expectedPrefix, string install)
    {
        var version = await ExternalProcess.RunAsync(path, ["--version"]);
        var text = (version.StandardOutput + version.StandardError).Trim();
        if (!text.StartsWith(expectedPrefix, StringComparison.Ordinal))
            Assert.Fail($"{path} is '{text}', not {expectedPrefix}x: install it with `{install}`.");
        return new AwsCli(path, text);
    }
}
