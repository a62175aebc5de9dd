using SageBuild.StateMachines.Json;

namespace SageBuild.Functions.Handlers.Core;

/// <summary>
/// Where and why a build failed. Every task's catch-all puts the error at <c>$.failed.{StateName}</c>, so the failing
/// state is the key; a Lambda's cause is its JSON error object, whose message is what people want to read.
/// </summary>
internal sealed record FailureInfo(string State, string Error, string Cause)
{
    public static FailureInfo? From(JsonValue input)
    {
        if (JsonRead.ObjectOrNull(input, "failed") is not { Count: > 0 } failed)
            return null;
        var (state, value) = failed[failed.Count - 1];
        var error = JsonRead.StringOrNull(value, "Error") ?? "States.TaskFailed";
        var cause = JsonRead.StringOrNull(value, "Cause") ?? "";
        if (cause.StartsWith('{'))
        {
            try
            {
                if (JsonRead.StringOrNull(JsonValue.Parse(cause), "errorMessage") is { } message)
                    cause = message;
            }
            catch (System.Text.Json.JsonException)
            {
                // not the JSON of a Lambda error: the cause stays as it is
            }
        }

        return new FailureInfo(state, error, cause);
    }

    public JsonObject ToJson() => JsonObject.Create(("state", State), ("error", Error), ("cause", Cause));
}
