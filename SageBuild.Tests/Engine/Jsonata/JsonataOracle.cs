using System.Diagnostics;
using System.Text;
using SageBuild.StateMachines.Json;

namespace SageBuild.Tests.Engine.Jsonata;

/// <summary>What the official JSONata implementation said about one expression.</summary>
public sealed record JsonataOracleResult(JsonValue? Value, bool IsUndefined, bool IsFunction, string? ErrorCode, string? ErrorMessage, int? Position);

/// <summary>
/// Runs expressions through the official JSONata (npm jsonata 2.x, installed by <c>npm ci</c> in tools/jsonata) under
/// node, in one process per batch.
/// </summary>
public static class JsonataOracle
{
    public static string ToolDirectory
    {
        get
        {
            for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            {
                var candidate = Path.Combine(directory.FullName, "tools", "jsonata");
                if (File.Exists(Path.Combine(candidate, "evaluate.js")))
                    return candidate;
            }

            throw new InvalidOperationException("tools/jsonata/evaluate.js was not found above the test directory");
        }
    }

    /// <summary>Evaluates each (expression, input, bindings) with the official implementation.</summary>
    public static IReadOnlyList<JsonataOracleResult> Evaluate(IReadOnlyList<(string Expression, JsonValue? Input, JsonObject? Bindings)> cases)
    {
        var tool = ToolDirectory;
        if (!Directory.Exists(Path.Combine(tool, "node_modules", "jsonata")))
            Assert.Fail($"the JSONata oracle is not installed: run 'npm ci' in {tool}");

        var request = new StringBuilder("[");
        for (var i = 0; i < cases.Count; i++)
        {
            if (i > 0)
                request.Append(',');
            var item = new JsonObjectBuilder().Set("expression", cases[i].Expression);
            item.SetIfNotNull("input", cases[i].Input);
            item.SetIfNotNull("bindings", cases[i].Bindings);
            request.Append(item.Build().ToJson());
        }

        request.Append(']');
        var start = new ProcessStartInfo("node", [Path.Combine(tool, "evaluate.js")])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = tool,
            StandardInputEncoding = new UTF8Encoding(false),
            StandardOutputEncoding = Encoding.UTF8,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("node could not be started");
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();
        process.StandardInput.Write(request.ToString());
        process.StandardInput.Close();
        process.WaitForExit();
        Assert.That(process.ExitCode, Is.Zero, $"the oracle failed: {stderr.Result}");
        var results = (JsonArray)JsonValue.Parse(stdout.Result);
        return results.Select(r =>
        {
            var o = (JsonObject)r;
            return new JsonataOracleResult(
                o.TryGetValue("value", out var value) ? value : null,
                o.ContainsKey("undefined"),
                o.ContainsKey("function"),
                o.TryGetValue("error", out var code) ? ((JsonString)code).Value : null,
                o.TryGetValue("message", out var message) && message is JsonString m ? m.Value : null,
                o.TryGetValue("position", out var position) && position is JsonNumber p ? (int)p.Value : null);
        }).ToList();
    }
}
