using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using SageBuild.Engine.Api.Dashboard.Layout;
using SageBuild.StateMachines.Graph;
using SageBuild.StateMachines.Json;

namespace SageBuild.Engine.Api.Dashboard;

/// <summary>
/// The laid-out graph of each definition, as the JSON the page draws, keyed by the SHA-256 of the definition's text.
/// Small and bounded: it forgets everything when full, since a layout is cheap to redo (tens of milliseconds).
/// </summary>
internal sealed class DrawingCache
{
    private const int Capacity = 64;

    private readonly ConcurrentDictionary<string, byte[]> _drawings = new(StringComparer.Ordinal);

    /// <summary>The drawing of <paramref name="definition"/>.</summary>
    /// <exception cref="StepFunctionsException">InvalidDefinition: the text is not a definition that can be read.</exception>
    public byte[] GetOrAdd(string definition)
    {
        var key = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(definition)));
        if (_drawings.TryGetValue(key, out var drawing))
            return drawing;
        drawing = Draw(definition);
        if (_drawings.Count >= Capacity)
            _drawings.Clear();
        _drawings[key] = drawing;
        return drawing;
    }

    private static byte[] Draw(string definition)
    {
        var read = AslJson.Read(definition);
        if (!read.IsWellFormed)
            throw new StepFunctionsException(StepFunctionsErrorCodes.InvalidDefinition, "The definition cannot be drawn: " + string.Join("; ", read.Errors.Select(e => $"{e.Pointer}: {e.Message}")));
        var layout = FlowGraphLayout.Compute(FlowGraph.From(read.Definition!));
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
            GraphLayoutJson.Write(json, layout);
        return buffer.ToArray();
    }
}
