using SageBuild.StateMachines.Json;

namespace SageBuild.Functions.Webhooks;

/// <summary>
/// ADOPTABLE INTO SageBuild.Functions: the Lambda entry point of the GitHub webhook for the managed dotnet10 runtime
/// (<c>Stream</c> in, <c>Stream</c> out). The secret comes from the SecureString parameter named by
/// <c>SAGEBUILD_GITHUB_SECRET_PARAMETER</c> and the build request goes to the launch topic
/// (<c>SAGEBUILD_LAUNCH_TOPIC_ARN</c>); both calls are delegates, so the pure decision stays testable and the AWS
/// calls are wired where the Functions project calls AWS.
/// </summary>
/// <param name="branch">The stack's branch (<c>SAGEBUILD_BRANCH</c>).</param>
/// <param name="readSecret">Reads the webhook secret.</param>
/// <param name="launch">Publishes a build request to the launch topic.</param>
public sealed class GitHubPushHandler(string branch, Func<CancellationToken, Task<string>> readSecret, Func<JsonObject, CancellationToken, Task> launch)
{
    /// <summary>Answers one function URL invocation.</summary>
    public async Task<Stream> HandleAsync(Stream input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        using var reader = new StreamReader(input);
        var text = await reader.ReadToEndAsync(cancellationToken);
        WebhookDecision decision;
        if (JsonValue.Parse(text) is not JsonObject functionUrlEvent)
        {
            decision = new WebhookDecision(400, "the invocation is not a function URL event");
        }
        else
        {
            decision = GitHubPushWebhook.Decide(functionUrlEvent, await readSecret(cancellationToken), branch);
            if (decision.BuildRequest is { } request)
                await launch(request, cancellationToken);
        }

        return new MemoryStream(System.Text.Encoding.UTF8.GetBytes(decision.ToFunctionUrlResponse().ToJson()));
    }
}
