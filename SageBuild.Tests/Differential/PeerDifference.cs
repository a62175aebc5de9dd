using SageBuild.StateMachines.Json;

namespace SageBuild.Tests.Differential;

/// <summary>
/// One written-down difference between SageBuild and a peer (peer-differences.json): for a family of generated cases,
/// what the peer does, why SageBuild does otherwise, and the AWS documentation or recorded case behind SageBuild.
/// </summary>
public sealed record PeerDifference(string Peer, string Family, string Peers, string SageBuild, string Backing)
{
    public static string FilePath => Path.Combine(AppContext.BaseDirectory, "Differential", "peer-differences.json");

    /// <summary>Whether this entry explains a difference on a case of <paramref name="family"/> with <paramref name="peer"/>.</summary>
    public bool Covers(string peer, string family) =>
        Peer == peer && (Family == family || (Family.EndsWith('*') && family.StartsWith(Family[..^1], StringComparison.Ordinal)));

    public static IReadOnlyList<PeerDifference> Load()
    {
        var document = (JsonObject)JsonValue.Parse(File.ReadAllText(FilePath));
        return ((JsonArray)document["differences"]).Cast<JsonObject>()
            .Select(o => new PeerDifference(Text(o, "peer"), Text(o, "family"), Text(o, "peer_behaviour"), Text(o, "sagebuild"), Text(o, "backing")))
            .ToList();
    }

    private static string Text(JsonObject o, string key) => ((JsonString)o[key]).Value;
}
