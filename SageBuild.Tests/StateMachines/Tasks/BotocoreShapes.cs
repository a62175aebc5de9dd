using System.Diagnostics;
using System.IO.Compression;
using System.Text.Json;
using SageBuild.StateMachines.Json;

namespace SageBuild.Tests.StateMachines.Tasks;

/// <summary>
/// The AWS service models shipped with botocore (the preinstalled Python's), used to check that every request
/// field a task emits is a real member of the API's input shape.
/// </summary>
internal static class BotocoreShapes
{
    private static readonly Lazy<string> DataFolder = new(FindDataFolder);

    /// <summary>Every path in <paramref name="request"/> whose key is not a member of the operation's input shape.</summary>
    public static IReadOnlyList<string> UnknownFields(string service, string operation, JsonObject request)
    {
        using var model = Load(service);
        var shapes = model.RootElement.GetProperty("shapes");
        var input = model.RootElement.GetProperty("operations").GetProperty(operation).GetProperty("input").GetProperty("shape").GetString()!;
        var unknown = new List<string>();
        Check(shapes, input, request, operation, unknown);
        return unknown;
    }

    private static void Check(JsonElement shapes, string shapeName, JsonValue value, string path, List<string> unknown)
    {
        var shape = shapes.GetProperty(shapeName);
        switch (shape.GetProperty("type").GetString())
        {
            case "structure" when value is JsonObject o:
                var members = shape.GetProperty("members");
                foreach (var (rawKey, child) in o)
                {
                    var isDynamic = rawKey.EndsWith(".$", StringComparison.Ordinal);
                    var key = isDynamic ? rawKey[..^2] : rawKey;
                    // Step Functions takes PascalCase even for camelCase APIs (CodeBuild, Step Functions itself).
                    if (!members.TryGetProperty(key, out var member) && !members.TryGetProperty(char.ToLowerInvariant(key[0]) + key[1..], out member))
                        unknown.Add($"{path}.{key}");
                    else if (!isDynamic)
                        Check(shapes, member.GetProperty("shape").GetString()!, child, $"{path}.{key}", unknown);
                }

                break;
            case "list" when value is JsonArray a:
                foreach (var item in a)
                    Check(shapes, shape.GetProperty("member").GetProperty("shape").GetString()!, item, path + "[]", unknown);
                break;
            case "map" when value is JsonObject m:
                foreach (var (rawKey, child) in m)
                {
                    if (!rawKey.EndsWith(".$", StringComparison.Ordinal))
                        Check(shapes, shape.GetProperty("value").GetProperty("shape").GetString()!, child, $"{path}.{rawKey}", unknown);
                }

                break;
        }
    }

    private static JsonDocument Load(string service)
    {
        var folder = Path.Combine(DataFolder.Value, service);
        var version = Directory.GetDirectories(folder).Order(StringComparer.Ordinal).Last();
        using var file = File.OpenRead(Path.Combine(version, "service-2.json.gz"));
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        return JsonDocument.Parse(gzip);
    }

    private static string FindDataFolder()
    {
        var start = new ProcessStartInfo("python3", ["-c", "import botocore, os; print(os.path.join(os.path.dirname(botocore.__file__), 'data'))"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        try
        {
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEnd().Trim();
            process.WaitForExit();
            if (process.ExitCode != 0 || !Directory.Exists(output))
                throw new InvalidOperationException($"botocore's data folder was not found (python3 said: {process.StandardError.ReadToEnd().Trim()}); install botocore (pip install botocore) to run these tests");
            return output;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("python3 is not on PATH: these tests read botocore's service models and need python3 with botocore installed", e);
        }
    }
}
