using SageBuild.StateMachines.Json;

namespace SageBuild.Functions.Alexa;

/// <summary>The skill's interaction model (Alexa/interaction-model.json): invocation name "sagebuild" and its intents.</summary>
public static class InteractionModel
{
    /// <summary>The model's JSON text, as uploaded to the Alexa developer console or with the ASK CLI.</summary>
    public static string Text { get; } = Load();

    /// <summary>The model as JSON.</summary>
    public static JsonObject Document => (JsonObject)JsonValue.Parse(Text);

    private static string Load()
    {
        using var stream = typeof(InteractionModel).Assembly.GetManifestResourceStream("SageBuild.Functions.Alexa.interaction-model.json")
            ?? throw new InvalidOperationException("the interaction model is not embedded in SageBuild.Functions");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
