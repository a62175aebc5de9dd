using SageBuild.Functions.Alexa;
using SageBuild.Functions.Handlers;
using SageBuild.Functions.Webhooks;

namespace SageBuild.Cli.Commands.Functions;

/// <summary>
/// One of the deployed Lambda functions as <c>sagebuild functions</c> runs it: its name, what it does, the handler
/// string of the managed runtime, and its entry point (a Stream in, a Stream out, exactly what Lambda calls).
/// </summary>
/// <param name="Name">The short name, such as <c>quality-gate</c>.</param>
/// <param name="Description">What it does.</param>
/// <param name="HandlerString">The dotnet10 runtime's <c>Assembly::Type::Method</c>.</param>
/// <param name="InvokeAsync">Runs it once on an event.</param>
internal sealed record LocalFunction(string Name, string Description, string HandlerString, Func<Stream, Task<Stream>> InvokeAsync)
{
    /// <summary>
    /// Every function the stack deploys. The pure steps and the Alexa skill run anywhere; start-build and github-webhook
    /// call AWS, so, as in Lambda, they read their configuration (the state machine's ARN, the region, credentials,
    /// <c>AWS_ENDPOINT_URL_SFN</c> for a SageBuild server) from the environment when they are invoked.
    /// </summary>
    /// <param name="executions">The executions the Alexa skill talks about, when given on the command line.</param>
    public static IReadOnlyList<LocalFunction> All(IBuildExecutions? executions = null) =>
    [
        .. FunctionCatalog.Steps().Select(step => new LocalFunction(step.Name, step.Description, step.HandlerString, input => Task.FromResult(step.Invoke(input)))),
        FromAlexa(new AlexaFunction(executions)),
        new(StartBuildFunction.Name, StartBuildFunction.Description, StartBuildFunction.HandlerString, input => new StartBuildFunction().InvokeAsync(input)),
        new(GitHubWebhookFunction.Name, GitHubWebhookFunction.Description, GitHubWebhookFunction.HandlerString, input => new GitHubWebhookFunction().InvokeAsync(input)),
    ];

    private static LocalFunction FromAlexa(AlexaFunction alexa) => new(alexa.Name, alexa.Description, alexa.HandlerString, alexa.InvokeAsync);
}
