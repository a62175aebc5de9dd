using SageBuild.StateMachines.Model;

namespace SageBuild.Engine.Preparation;

/// <summary>
/// A definition made ready to run: immutable and thread-safe, shared by every execution of the same definition
/// (cached by the definition's hash). States are in arrays, transitions are indexes, paths and templates are compiled.
/// </summary>
internal sealed class PreparedStateMachine(StateMachineDefinition definition, string definitionHash, PreparedGraph root)
{
    public StateMachineDefinition Definition { get; } = definition;

    /// <summary>The SHA-256 of the definition's canonical ASL text; recorded in ExecutionStarted to pin an execution to it.</summary>
    public string DefinitionHash { get; } = definitionHash;

    public PreparedGraph Root { get; } = root;
}
