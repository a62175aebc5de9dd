using SageBuild.StateMachines.Builders;
using SageBuild.StateMachines.Json;

namespace SageBuild.Tests.StateMachines.Builders;

/// <summary>Helpers to look at what the builders emit as JSON values, not strings.</summary>
internal static class Asl
{
    public static JsonObject Of(StateMachine machine) => AslJson.ToJsonValue(machine.Build());

    public static JsonObject Of(IChainable definition, StateMachineOptions? options = null) => Of(StateMachine.Define("Test", definition, options));

    /// <summary>The JSON of the top-level state <paramref name="name"/>.</summary>
    public static JsonObject State(IChainable definition, string name, StateMachineOptions? options = null) =>
        (JsonObject)((JsonObject)Of(definition, options)["States"])[name];

    public static JsonValue Expected(string text) => JsonValue.Parse(text);
}
