using SageBuild.StateMachines.Json;

namespace SageBuild.Tests.Differential;

/// <summary>A definition and input that SageBuild and both peers run: generated, or recorded against AWS (with AWS's outcome).</summary>
public sealed record PeerCase(string Id, string Family, string Definition, JsonValue Input, Conformance.ConformanceCase? Recorded)
{
    public override string ToString() => Id;
}
