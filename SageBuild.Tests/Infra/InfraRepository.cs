using System.Diagnostics;
using SageBuild.StateMachines.Json;
using YamlDotNet.RepresentationModel;

namespace SageBuild.Tests.Infra;

/// <summary>Paths and processes of the Infra tests: the repository, the stack files, the compiler and the mock harness.</summary>
internal static class InfraRepository
{
    public static string Root { get; } = FindRoot();

    public static string HarnessDirectory => Path.Combine(Root, "tools", "pulumi-mocks");

    /// <summary>The compiler command of Pulumi.yaml, split into words as Pulumi does (no shell).</summary>
    public static IReadOnlyList<string> CompilerCommand()
    {
        var project = LoadYaml(Path.Combine(Root, "Pulumi.yaml"));
        var runtime = (YamlMappingNode)project.Children[new YamlScalarNode("runtime")];
        var options = (YamlMappingNode)runtime.Children[new YamlScalarNode("options")];
        var compiler = ((YamlScalarNode)options.Children[new YamlScalarNode("compiler")]).Value!;
        var words = compiler.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        if (!words.Any(w => w.StartsWith("SageBuild.Infra/", StringComparison.Ordinal)))
            throw new InvalidOperationException($"Pulumi.yaml's compiler '{compiler}' no longer runs SageBuild.Infra; update the tests");
        return words;
    }

    /// <summary>PULUMI_CONFIG as Pulumi builds it from a stack file: each value a string, structured values as JSON.</summary>
    public static string PulumiConfig(string stackFile, IReadOnlyDictionary<string, string>? extra = null)
    {
        var document = LoadYaml(Path.Combine(Root, stackFile));
        var config = (YamlMappingNode)document.Children[new YamlScalarNode("config")];
        var values = new List<KeyValuePair<string, JsonValue>>();
        foreach (var (key, value) in config.Children)
        {
            var text = value is YamlScalarNode scalar ? scalar.Value ?? "" : ToJson(value).ToJson();
            values.Add(new(((YamlScalarNode)key).Value!, text));
        }

        foreach (var (key, value) in extra ?? new Dictionary<string, string>())
            values.Add(new(key, value));
        return JsonObject.Create(values).ToJson();
    }

    public static YamlMappingNode LoadYaml(string path)
    {
        var stream = new YamlStream();
        using var reader = new StreamReader(path);
        stream.Load(reader);
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    /// <summary>A YAML node as JSON; scalars that read as numbers or booleans become them, as Pulumi's YAML does.</summary>
    public static JsonValue ToJson(YamlNode node) => node switch
    {
        YamlMappingNode map => JsonObject.Create(map.Children.Select(c => new KeyValuePair<string, JsonValue>(((YamlScalarNode)c.Key).Value!, ToJson(c.Value)))),
        YamlSequenceNode list => JsonArray.Create(list.Children.Select(ToJson)),
        YamlScalarNode scalar when scalar.Style is YamlDotNet.Core.ScalarStyle.Plain && long.TryParse(scalar.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) => n,
        YamlScalarNode scalar when scalar.Style is YamlDotNet.Core.ScalarStyle.Plain && scalar.Value is "true" or "false" => scalar.Value == "true",
        YamlScalarNode scalar => scalar.Value ?? "",
        _ => throw new ArgumentException($"unexpected YAML node {node.NodeType}"),
    };

    /// <summary>Runs a process to its end from <paramref name="directory"/> with exactly <paramref name="environment"/> added.</summary>
    public static ProcessResult Run(IReadOnlyList<string> command, string directory, IReadOnlyDictionary<string, string?> environment, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(command[0])
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in command.Skip(1))
            start.ArgumentList.Add(argument);
        // The compiler must not pick up a stack from the test runner's own environment.
        foreach (var name in new[] { "PULUMI_STACK", "PULUMI_PROJECT", "PULUMI_CONFIG" })
            start.Environment.Remove(name);
        foreach (var (name, value) in environment)
            start.Environment[name] = value;
        var clock = Stopwatch.StartNew();
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            Assert.Fail($"'{command[0]}' could not be started ({e.Message}): it must be on PATH");
            throw;
        }

        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(timeout))
            {
                process.Kill(entireProcessTree: true);
                Assert.Fail($"{string.Join(' ', command)} did not finish within {timeout}");
            }

            process.WaitForExit();
            return new ProcessResult(process.ExitCode, output.Result, error.Result, clock.Elapsed);
        }
    }

    /// <summary>Runs the compiler the way Pulumi does: from the project directory, no shell, the given PULUMI_* variables.</summary>
    public static ProcessResult Compile(string? stack, string? pulumiConfig) =>
        Run(CompilerCommand(), Root, new Dictionary<string, string?>
        {
            ["PULUMI_STACK"] = stack,
            ["PULUMI_PROJECT"] = stack is null ? null : "sagebuild",
            ["PULUMI_CONFIG"] = pulumiConfig,
            ["DOTNET_NOLOGO"] = "1",
        }.Where(e => e.Value is not null).ToDictionary(e => e.Key, e => e.Value), TimeSpan.FromMinutes(2));

    /// <summary>Constructs every resource of <paramref name="program"/> under the @pulumi/aws mocks; the harness's JSON report.</summary>
    public static HarnessReport Construct(string program, string stack, IReadOnlyDictionary<string, string>? config = null)
    {
        var module = Path.Combine(HarnessDirectory, "node_modules", "@pulumi", "aws", "package.json");
        if (!File.Exists(module))
            Assert.Fail($"@pulumi/aws is not installed at {module}: run `npm ci` in tools/pulumi-mocks (scripts/test.sh does this before the tests)");
        var directory = Path.Combine(Path.GetTempPath(), $"sagebuild-infra-{Environment.ProcessId}-{Path.GetRandomFileName()}");
        Directory.CreateDirectory(directory);
        try
        {
            var programFile = Path.Combine(directory, "program.yaml");
            File.WriteAllText(programFile, program);
            var configFile = Path.Combine(directory, "config.json");
            File.WriteAllText(configFile, JsonObject.Create((config ?? new Dictionary<string, string>()).Select(c => new KeyValuePair<string, JsonValue>(c.Key, c.Value))).ToJson());
            var result = Run(["node", Path.Combine(HarnessDirectory, "construct.js"), programFile, "--config", configFile, "--stack", stack, "--project", "sagebuild"],
                Root, new Dictionary<string, string?>(), TimeSpan.FromMinutes(3));
            if (result.Output.Length == 0)
                Assert.Fail($"the mock harness printed no report (exit {result.ExitCode}): {result.Error}");
            return new HarnessReport((JsonObject)JsonValue.Parse(result.Output), result.ExitCode);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "SageBuild.slnx")))
                return directory.FullName;
        }

        throw new InvalidOperationException($"no SageBuild.slnx above {AppContext.BaseDirectory}");
    }
}
