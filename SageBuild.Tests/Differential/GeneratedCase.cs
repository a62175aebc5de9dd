using SageBuild.StateMachines.Json;

namespace SageBuild.Tests.Differential;

/// <summary>One definition and input run on SageBuild and on the peers; <see cref="Family"/> names what it exercises.</summary>
public sealed record GeneratedCase(string Id, string Family, JsonObject Definition, JsonValue Input)
{
    public string DefinitionText { get; } = Definition.ToJson();

    public override string ToString() => Id;
}
