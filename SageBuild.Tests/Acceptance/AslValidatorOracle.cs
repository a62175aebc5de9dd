using System.Diagnostics;
using SageBuild.StateMachines.Json;

namespace SageBuild.Tests.Acceptance;

/// <summary>
/// npm asl-validator 4.0.0, called through its library API by <c>tools/asl-validator/validate-batch.js</c>:
/// one Node process validates the whole batch (the library builds its JSON-schema validator on every call,
/// about 50 ms, so one process per definition would cost minutes).
/// </summary>
internal static class AslValidatorOracle
{
    public static string ToolDirectory => Path.Combine(RepositoryPaths.Root, "tools", "asl-validator");

    /// <summary>asl-validator's verdict (valid or not) for each distinct definition text.</summary>
    public static Dictionary<string, bool> Validate(IEnumerable<string> definitions)
    {
        var distinct = definitions.Distinct(StringComparer.Ordinal).ToList();
        EnsureInstalled();
        var batchFile = Path.Combine(Path.GetTempPath(), $"sagebuild-asl-batch-{Environment.ProcessId}-{Path.GetRandomFileName()}.json");
        try
        {
            var batch = JsonArray.Create(distinct.Select((d, i) => (JsonValue)JsonObject.Create(
                ("id", i.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("definition", d))));
            File.WriteAllText(batchFile, batch.ToJson());
            var output = RunNode(Path.Combine(ToolDirectory, "validate-batch.js"), batchFile);
            var verdicts = new Dictionary<string, bool>(StringComparer.Ordinal);
            foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                var result = (JsonObject)JsonValue.Parse(line);
                var index = int.Parse(((JsonString)result["id"]).Value, System.Globalization.CultureInfo.InvariantCulture);
                verdicts[distinct[index]] = result["valid"] is JsonBoolean { Value: true };
            }

            if (verdicts.Count != distinct.Count)
                throw new InvalidOperationException($"asl-validator answered for {verdicts.Count} of {distinct.Count} definitions");
            return verdicts;
        }
        finally
        {
            File.Delete(batchFile);
        }
    }

    private static void EnsureInstalled()
    {
        var library = Path.Combine(ToolDirectory, "node_modules", "asl-validator", "package.json");
        if (!File.Exists(library))
        {
            Assert.Fail($"npm asl-validator is not installed at {library}: run `npm ci` in tools/asl-validator (scripts/test.sh does this before the tests)");
        }
    }

    private static string RunNode(string script, string batchFile)
    {
        var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(script);
        start.ArgumentList.Add(batchFile);
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            Assert.Fail($"node is not on PATH ({e.Message}): the differential test runs asl-validator with Node.js 20 or later");
            throw;
        }

        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
            {
                process.Kill(entireProcessTree: true);
                Assert.Fail("asl-validator did not finish within 5 minutes");
            }

            if (process.ExitCode != 0)
                Assert.Fail($"validate-batch.js exited with {process.ExitCode}: {error.Result}");
            return output.Result;
        }
    }
}
