using SageBuild.StateMachines.Json;

namespace SageBuild.Local.Hosting;

/// <summary>Keeps models, endpoint configurations and endpoints as JSON files, so they outlive the process.</summary>
internal sealed class HostingStore(string directory)
{
    public const string Models = "models";
    public const string EndpointConfigs = "endpoint-configs";
    public const string Endpoints = "endpoints";

    public void Save(string kind, string name, JsonObject value)
    {
        var path = PathOf(kind, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path + ".partial", value.ToJson(indented: true));
        File.Move(path + ".partial", path, overwrite: true);
    }

    public void Delete(string kind, string name) => File.Delete(PathOf(kind, name));

    public IEnumerable<JsonObject> All(string kind)
    {
        var folder = Path.Combine(directory, kind);
        return Directory.Exists(folder)
            ? Directory.EnumerateFiles(folder, "*.json").Order(StringComparer.Ordinal).Select(f => (JsonObject)JsonValue.Parse(File.ReadAllText(f)))
            : [];
    }

    private string PathOf(string kind, string name) => Path.Combine(directory, kind, name + ".json");
}
