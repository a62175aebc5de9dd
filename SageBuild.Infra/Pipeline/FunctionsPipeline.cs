using SageBuild.Functions.Alexa;
using SageBuild.Functions.Configuration;
using SageBuild.Functions.Handlers;
using SageBuild.Functions.Pipeline;
using SageBuild.Functions.Webhooks;

namespace SageBuild.Infra.Pipeline;

/// <summary>
/// The SageBuild pipeline of SageBuild.Functions behind the stack's seam: the stack's resources become the pipeline's
/// <see cref="PipelineOptions"/>, and the pipeline gives its definition (<see cref="PipelineDefinition.Create"/>), the
/// IAM its tasks derive, the configuration document the parameter starts with, its Lambda handlers with the permissions
/// of the ones that call AWS, the ledger's key schema (<c>pk</c>) and the variants the alarms and dashboard watch.
/// </summary>
public sealed class FunctionsPipeline : IPipelineSource
{
    /// <summary>How long the functions that answer people may take: Alexa waits 8 seconds, GitHub 10.</summary>
    private static readonly TimeSpan InteractiveTimeout = TimeSpan.FromSeconds(10);

    /// <inheritdoc />
    public PipelineDescription Describe(PipelineResources resources)
    {
        ArgumentNullException.ThrowIfNull(resources);
        var options = Options(resources);
        var initial = ConfigurationOverrides.Merge(StackOverrides.Defaults, options.ConfigurationOverrides);
        // The deploy-time shape (hooks, Lambda replacements of steps) comes from the stack's overrides only: run-time
        // edits of those keys are refused by the pipeline, which names the key.
        var shape = StackOverrides.Read(initial, resources.Pipeline.ConfigurationOverrides);
        var machine = PipelineDefinition.Create(options, shape);
        return new PipelineDescription
        {
            Definition = machine.Build(),
            Statements = machine.PolicyStatements(),
            InitialConfiguration = initial,
            Functions = Handlers(options, resources),
            Ledger = new LedgerKeySchema("pk", "S"),
            VariantNames = [.. shape.Hosting.EffectiveVariants.Select(v => v.Name)],
        };
    }

    /// <summary>The pipeline's options for a stack with <paramref name="resources"/>: what <c>sagebuild pipeline show --deployment</c> takes to print the same definition.</summary>
    public static PipelineOptions Options(PipelineResources resources)
    {
        ArgumentNullException.ThrowIfNull(resources);
        return resources.Pipeline with { ConfigurationOverrides = StackOverrides.For(resources) };
    }

    private static List<LambdaHandler> Handlers(PipelineOptions options, PipelineResources resources)
    {
        // The steps are pure: the state machine invokes them, and they call nothing.
        var handlers = FunctionCatalog.Steps()
            .Select(h => new LambdaHandler { Name = h.Name, Handler = h.HandlerString, Description = h.Description })
            .ToList();
        handlers.Add(new LambdaHandler
        {
            Name = StartBuildFunction.Name,
            Handler = StartBuildFunction.HandlerString,
            Role = LambdaRole.Trigger,
            Description = StartBuildFunction.Description,
            Permissions = StartBuildFunction.Permissions(options),
        });
        if (resources.GitHubWebhookSecretParameter is { } secretParameter)
        {
            handlers.Add(new LambdaHandler
            {
                Name = GitHubWebhookFunction.Name,
                Handler = GitHubWebhookFunction.HandlerString,
                Role = LambdaRole.GitHubWebhook,
                Description = GitHubWebhookFunction.Description,
                Timeout = InteractiveTimeout,
                Permissions = GitHubWebhookFunction.Permissions(options, secretParameter),
            });
        }

        var alexa = new AlexaFunction(null);
        handlers.Add(new LambdaHandler
        {
            Name = alexa.Name,
            Handler = alexa.HandlerString,
            Role = LambdaRole.Alexa,
            Description = alexa.Description,
            Timeout = InteractiveTimeout,
            Permissions = AlexaFunction.Permissions(options),
        });
        return handlers;
    }
}
