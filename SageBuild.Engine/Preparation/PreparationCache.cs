using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using SageBuild.StateMachines.Json;
using SageBuild.StateMachines.Model;

namespace SageBuild.Engine.Preparation;

/// <summary>Prepared state machines by the SHA-256 of their canonical ASL text: a definition is prepared once per engine.</summary>
internal sealed class PreparationCache
{
    private readonly ConcurrentDictionary<string, PreparedStateMachine> _prepared = new(StringComparer.Ordinal);

    public PreparedStateMachine GetOrPrepare(StateMachineDefinition definition, out string canonicalText)
    {
        canonicalText = AslJson.Write(definition, indented: false);
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalText)));
        if (_prepared.TryGetValue(hash, out var prepared))
            return prepared;
        return _prepared.GetOrAdd(hash, StateMachinePreparer.Prepare(definition, hash));
    }
}
