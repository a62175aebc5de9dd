using SageBuild.Functions.Aws;
using SageBuild.Functions.Handlers.Core;
using SageBuild.Functions.Pipeline;
using SageBuild.StateMachines.Iam;
using SageBuild.StateMachines.Json;

namespace SageBuild.Functions.Webhooks;

/// <summary>
/// The Lambda function URL handler of GitHub's push webhook: it reads the webhook secret from its SecureString
/// parameter (cached for five minutes, so a rotated secret takes effect within that), lets
/// <see cref="GitHubPushWebhook.Decide"/> verify and judge the delivery, and starts a build of the pushed commit as the
/// execution <c>github-{delivery id}</c> (a redelivery of the same delivery starts nothing new). Every answer is a
/// function URL response whose body says what happened, which GitHub shows in the webhook's delivery log.
/// </summary>
public sealed class GitHubWebhookFunction
{
    private static readonly TimeSpan SecretLifetime = TimeSpan.FromMinutes(5);
    private readonly string _branch;
    private readonly Func<CancellationToken, Task<string>> _readSecret;
    private readonly DeployedPipeline _pipeline;
    private readonly TimeProvider _time;
    private string? _secret;
    private DateTimeOffset _secretReadAt;

    /// <summary>The Lambda runtime's constructor: the branch, secret parameter and state machine come from the environment SageBuild.Infra sets.</summary>
    public GitHubWebhookFunction()
        : this(Environment.GetEnvironmentVariable)
    {
    }

    /// <summary>A function configured by <paramref name="variables"/> (<c>SAGEBUILD_BRANCH</c>, <c>SAGEBUILD_GITHUB_SECRET_PARAMETER</c>, <c>SAGEBUILD_STATE_MACHINE_ARN</c> and the AWS ones).</summary>
    public GitHubWebhookFunction(Func<string, string?> variables)
        : this(
            LambdaVariables.Required(variables, LambdaVariables.Branch, "the webhook starts builds for pushes to the stack's branch only"),
            SecretFromParameter(variables),
            DeployedPipeline.FromEnvironment(variables)
                ?? throw new InvalidOperationException($"{LambdaVariables.StateMachineArn} is not set: the webhook starts executions of the pipeline's state machine"))
    {
    }

    /// <summary>A function for the stack building <paramref name="branch"/>.</summary>
    /// <param name="branch">The stack's branch.</param>
    /// <param name="readSecret">Reads the webhook secret.</param>
    /// <param name="pipeline">The pipeline builds are started in.</param>
    /// <param name="time">The clock the secret's cache uses.</param>
    public GitHubWebhookFunction(string branch, Func<CancellationToken, Task<string>> readSecret, DeployedPipeline pipeline, TimeProvider? time = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(branch);
        ArgumentNullException.ThrowIfNull(readSecret);
        ArgumentNullException.ThrowIfNull(pipeline);
        _branch = branch;
        _readSecret = readSecret;
        _pipeline = pipeline;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>The deployed function's short name.</summary>
    public const string Name = "github-webhook";

    /// <summary>What the function does.</summary>
    public const string Description = "Verifies GitHub push webhooks (X-Hub-Signature-256) and starts a build for pushes to the stack's branch.";

    /// <summary>The managed runtime's handler string.</summary>
    public static string HandlerString => $"{typeof(GitHubWebhookFunction).Assembly.GetName().Name}::{typeof(GitHubWebhookFunction).FullName}::{nameof(InvokeAsync)}";

    /// <summary>What the function's role may do: read the secret parameter and start executions of the pipeline's state machine.</summary>
    public static IReadOnlyList<PolicyStatement> Permissions(PipelineOptions options, string secretParameterName)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrEmpty(secretParameterName);
        return
        [
            PolicyStatement.Allow(Arn.StateMachine(options.StateMachineName), "states:StartExecution"),
            // A SecureString under the AWS-managed aws/ssm key: its key policy already lets SSM decrypt for this account.
            PolicyStatement.Allow(Arn.SsmParameter(secretParameterName), "ssm:GetParameter"),
        ];
    }

    /// <summary>The Lambda entry point: a function URL event (payload format 2.0) in, its response out.</summary>
    public async Task<Stream> InvokeAsync(Stream input) => LambdaStreams.Write(await HandleAsync(await LambdaStreams.ReadAsync(input)));

    /// <summary>Answers one function URL invocation.</summary>
    public async Task<JsonObject> HandleAsync(JsonValue functionUrlEvent, CancellationToken cancellationToken = default)
    {
        if (functionUrlEvent is not JsonObject invocation)
            return new WebhookDecision(400, "the invocation is not a function URL event").ToFunctionUrlResponse();

        string secret;
        try
        {
            secret = await SecretAsync(cancellationToken);
        }
        catch (Exception e) when (e is AwsServiceException or HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            await Console.Error.WriteLineAsync($"github-webhook: the secret could not be read: {e.Message}");
            return new WebhookDecision(500, "the webhook's secret could not be read; see the function's log").ToFunctionUrlResponse();
        }

        if (secret.Length == 0)
            return new WebhookDecision(500, "the webhook's secret parameter is empty: set sagebuild:githubWebhookSecret and deploy").ToFunctionUrlResponse();
        var decision = GitHubPushWebhook.Decide(invocation, secret, _branch);
        if (decision.BuildRequest is not { } request)
            return decision.ToFunctionUrlResponse();

        var delivery = JsonRead.StringOrNull(request, "delivery") is { Length: > 0 } id ? id : JsonRead.String(request, "commit");
        try
        {
            var start = await _pipeline.StartBuildAsync(request, ExecutionNames.For("github", delivery), cancellationToken);
            return (start.IsNew
                ? decision with { Message = $"{decision.Message}: execution {start.Name}" }
                : new WebhookDecision(200, $"delivery {delivery} already started execution {start.Name}")).ToFunctionUrlResponse();
        }
        catch (Exception e) when (e is AwsServiceException or HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            await Console.Error.WriteLineAsync($"github-webhook: the build could not be started: {e.Message}");
            var reason = e is AwsServiceException aws ? aws.Code : "the Step Functions API did not answer";
            return new WebhookDecision(502, $"the push was verified but the build could not be started ({reason}); redeliver it from GitHub").ToFunctionUrlResponse();
        }
    }

    // Lambda sends an instance one invocation at a time, so the cache needs no lock (a race would only read twice).
    private async Task<string> SecretAsync(CancellationToken cancellationToken)
    {
        if (_secret is null || _time.GetUtcNow() - _secretReadAt >= SecretLifetime)
        {
            _secret = await _readSecret(cancellationToken);
            _secretReadAt = _time.GetUtcNow();
        }

        return _secret;
    }

    private static Func<CancellationToken, Task<string>> SecretFromParameter(Func<string, string?> variables)
    {
        var parameter = LambdaVariables.Required(variables, LambdaVariables.GitHubSecretParameter, "the webhook reads its secret from that SecureString parameter");
        // One client for the container's lifetime: Lambda keeps the instance between invocations.
        var client = new ParameterStoreClient(AwsConnection.FromEnvironment(variables));
        return cancellationToken => client.GetParameterAsync(parameter, withDecryption: true, cancellationToken);
    }
}
