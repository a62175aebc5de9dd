using System.Diagnostics;
using System.Text;

namespace SageBuild.Benchmarks.Jsonata;

/// <summary>Where the official jsonata script is: installed by <c>npm ci</c> in tools/jsonata, never copied into the repository.</summary>
public static class JsonataNodePeer
{
    public static string ToolDirectory
    {
        get
        {
            for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            {
                var candidate = Path.Combine(directory.FullName, "tools", "jsonata");
                if (File.Exists(Path.Combine(candidate, "package.json")))
                    return candidate;
            }

            throw new InvalidOperationException("tools/jsonata was not found above the benchmark's directory");
        }
    }

    public static string ScriptPath
    {
        get
        {
            var script = Path.Combine(ToolDirectory, "node_modules", "jsonata", "jsonata.js");
            return File.Exists(script) ? script : throw new InvalidOperationException($"run 'npm ci' in {ToolDirectory}: {script} is missing");
        }
    }

    /// <summary>Runs tools/jsonata/bench.js over the shared workloads; returns nanoseconds per evaluation by workload, as JSON.</summary>
    public static string Measure()
    {
        var request = new StringBuilder("{\"expressions\":{");
        var first = true;
        foreach (var (name, expression) in JsonataWorkloads.Expressions)
        {
            if (!first)
                request.Append(',');
            first = false;
            request.Append(System.Text.Json.JsonSerializer.Serialize(name)).Append(':').Append(System.Text.Json.JsonSerializer.Serialize(expression));
        }

        request.Append("},\"input\":").Append(JsonataWorkloads.InputJson).Append('}');
        var start = new ProcessStartInfo("node", [Path.Combine(ToolDirectory, "bench.js")])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            WorkingDirectory = ToolDirectory,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("node could not be started");
        process.StandardInput.Write(request.ToString());
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return output;
    }
}
