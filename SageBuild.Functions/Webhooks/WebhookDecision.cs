using SageBuild.StateMachines.Json;

namespace SageBuild.Functions.Webhooks;

/// <summary>
/// What the GitHub webhook answers: the HTTP status, a message for GitHub's delivery log, and, when a build should
/// start, the build request the pipeline is started with.
/// </summary>
/// <param name="StatusCode">202 when a build starts, 200 when the delivery is understood but starts nothing, 4xx when refused.</param>
/// <param name="Message">Why, in a sentence.</param>
/// <param name="BuildRequest">The normalised build request, or null when nothing starts.</param>
public sealed record WebhookDecision(int StatusCode, string Message, JsonObject? BuildRequest = null)
{
    /// <summary>The Lambda function URL response (payload format 2.0).</summary>
    public JsonObject ToFunctionUrlResponse() => JsonObject.Create(
        ("statusCode", StatusCode),
        ("headers", JsonObject.Create(("content-type", "application/json"))),
        ("body", JsonObject.Create(("started", BuildRequest is not null), ("message", Message)).ToJson()));
}
