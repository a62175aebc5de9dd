using SageBuild.StateMachines.Json;

namespace SageBuild.Tests.Conformance;

/// <summary>One execution recorded against AWS Step Functions (see Conformance/Data/README.md).</summary>
public sealed record ConformanceCase(
    string Id,
    string Kind,
    string QueryLanguage,
    string StateMachineType,
    IReadOnlyList<string> Features,
    string Definition,
    string Input,
    string? ExecutionName,
    JsonObject Expected,
    JsonArray? ExpectedHistory,
    JsonValue? Normalization)
{
    public override string ToString() => Id;
}
