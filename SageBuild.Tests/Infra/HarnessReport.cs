using SageBuild.StateMachines.Json;

namespace SageBuild.Tests.Infra;

/// <summary>The mock harness's report: every registered resource with its resolved inputs and mocked state, the stack outputs and the errors.</summary>
internal sealed record HarnessReport(JsonObject Json, int ExitCode)
{
    public IReadOnlyList<string> Errors => [.. ((JsonArray)Json["errors"]).Cast<JsonString>().Select(e => e.Value)];

    public IReadOnlyList<JsonObject> Resources => [.. ((JsonArray)Json["resources"]).Cast<JsonObject>()];

    public JsonObject Outputs => (JsonObject)Json["outputs"];

    public JsonObject Resource(string name) =>
        Resources.SingleOrDefault(r => ((JsonString)r["name"]).Value == name) ?? throw new KeyNotFoundException($"the harness registered no resource '{name}'");

    public JsonObject Inputs(string name) => (JsonObject)Resource(name)["inputs"];

    public JsonObject State(string name) => (JsonObject)Resource(name)["state"];
}
