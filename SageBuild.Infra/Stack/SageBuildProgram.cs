using SageBuild.Functions.Pipeline;
using SageBuild.Infra.Configuration;
using SageBuild.Infra.Model;
using SageBuild.Infra.Pipeline;
using SageBuild.StateMachines.Iam;

namespace SageBuild.Infra.Stack;

/// <summary>
/// The whole SageBuild stack as a <see cref="PulumiProgram"/>: storage, registries, the image build, notifications,
/// the state machine and its functions, triggers, monitoring and Alexa, wired to the pipeline that
/// <see cref="IPipelineSource"/> describes.
/// </summary>
public static class SageBuildProgram
{
    /// <summary>The program of the stack with <paramref name="settings"/> running <paramref name="pipeline"/>.</summary>
    public static PulumiProgram Build(InfraSettings settings, IPipelineSource pipeline)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(pipeline);
        var stack = new StackContext(settings);
        var webhookSecret = settings.RepositorySource == RepositorySource.GitHub
            ? stack.Program.AddConfig(new ConfigDeclaration("githubWebhookSecret", "string", IsSecret: true))
            : null;

        var storage = Storage.Add(stack);
        var (trainingRepository, inferenceRepository) = ContainerRegistries.Add(stack);
        var (statusTopic, launchTopic) = Notifications.Add(stack);
        var source = SourceRepository.Add(stack);
        var imageBuild = ImageBuild.Add(stack, source, trainingRepository, inferenceRepository);
        var (trainingRole, hostingRole) = SageMakerRoles.Add(stack, storage, trainingRepository, inferenceRepository);

        var resources = Resources(stack, storage, trainingRepository, inferenceRepository, statusTopic, launchTopic, imageBuild, trainingRole, hostingRole);
        var description = pipeline.Describe(resources);
        Check(description, settings);

        var ledger = State.AddLedger(stack, description.Ledger);
        var configParameter = State.AddConfigParameter(stack, description.InitialConfiguration);
        var alarms = GuardrailAlarms.Add(stack, resources, description.VariantNames);
        var stateMachine = Orchestration.Add(stack, description);

        if (webhookSecret is not null)
        {
            // The secret lives in a SecureString parameter the webhook reads at run time: never in an environment variable.
            stack.Add("webhookSecretParameter", AwsTypes.SsmParameter, new MapValue
            {
                ["name"] = stack.Names.WebhookSecretParameter,
                ["description"] = "The GitHub webhook secret; X-Hub-Signature-256 is checked against it",
                ["type"] = "SecureString",
                ["value"] = webhookSecret,
                ["tags"] = stack.Tags,
            });
        }

        var functions = Functions.Add(stack, description, resources);
        var trigger = functions.Single(f => f.Handler.Role == LambdaRole.Trigger);
        Triggers.Add(stack, trigger, launchTopic, source, storage.Data);
        var webhookUrl = webhookSecret is null ? null : Triggers.AddWebhook(stack, functions.Single(f => f.Handler.Role == LambdaRole.GitHubWebhook));
        var alexa = functions.SingleOrDefault(f => f.Handler.Role == LambdaRole.Alexa);
        if (alexa is not null)
            Alexa.Add(stack, alexa);
        var dashboard = Monitoring.Add(stack, stateMachine, resources.Pipeline.EndpointName, description.VariantNames, alarms);

        var program = stack.Program;
        program.AddOutput("stateMachineArn", stateMachine.Output("arn"));
        program.AddOutput("endpointName", resources.Pipeline.EndpointName);
        program.AddOutput("branch", settings.Branch);
        program.AddOutput("dataBucket", storage.Data.Name);
        program.AddOutput("artifactsBucket", storage.Artifacts.Name);
        program.AddOutput("codeBucket", storage.Code.Name);
        program.AddOutput("checkpointsBucket", storage.Checkpoints.Name);
        program.AddOutput("trainingRepositoryUrl", trainingRepository.Output("repositoryUrl"));
        program.AddOutput("inferenceRepositoryUrl", inferenceRepository.Output("repositoryUrl"));
        program.AddOutput("statusTopicArn", statusTopic.Output("arn"));
        program.AddOutput("launchTopicArn", launchTopic.Output("arn"));
        program.AddOutput("ledgerTable", ledger.Output("name"));
        program.AddOutput("configParameter", configParameter.Output("name"));
        if (webhookUrl is not null)
            program.AddOutput("webhookUrl", webhookUrl.Output("functionUrl"));
        if (alexa is not null)
            program.AddOutput("alexaFunctionArn", alexa.Function.Output("arn"));
        program.AddOutput("dashboardUrl", Monitoring.Url(stack, dashboard));
        return program;
    }

    private static PipelineResources Resources(
        StackContext stack, StorageSet storage, Resource trainingRepository, Resource inferenceRepository,
        Resource statusTopic, Resource launchTopic, Resource imageBuild, Resource trainingRole, Resource hostingRole)
    {
        var settings = stack.Settings;
        static string P(Reference reference) => StackContext.Placeholder(reference);
        return new PipelineResources
        {
            Pipeline = new PipelineOptions
            {
                Stack = settings.Stack,
                Branch = settings.Branch,
                // The provider's region, read at deploy time (aws:getRegion): the handlers pick built-in images by it.
                Region = ArnContext.RegionToken,
                NamePrefix = stack.Names.Prefix + "-",
                StateMachineName = stack.Names.StateMachine,
                ConfigParameterName = stack.Names.ConfigParameter,
                LedgerTableName = stack.Names.Ledger,
                StatusTopicArn = P(statusTopic.Output("arn")),
                DataBucket = StackContext.Placeholder(storage.Data.Name),
                DataPrefix = settings.DataPrefix,
                ArtifactsBucket = StackContext.Placeholder(storage.Artifacts.Name),
                CodeBucket = StackContext.Placeholder(storage.Code.Name),
                CheckpointsBucket = StackContext.Placeholder(storage.Checkpoints.Name),
                TrainingRepositoryUri = P(trainingRepository.Output("repositoryUrl")),
                InferenceRepositoryUri = P(inferenceRepository.Output("repositoryUrl")),
                ImageBuildProjectName = stack.Names.ImageBuildProject,
                TrainingRoleArn = P(trainingRole.Output("arn")),
                HostingRoleArn = P(hostingRole.Output("arn")),
                EndpointName = settings.EffectiveEndpointName,
                FunctionNamePrefix = stack.Names.FunctionPrefix,
                ConfigurationOverrides = settings.PipelineOverrides,
            },
            // Built from the fixed name, not from the resource: the state machine's own role may start it again.
            StateMachineArn = Arn.StateMachine(stack.Names.StateMachine),
            LaunchTopicArn = P(launchTopic.Output("arn")),
            GuardrailAlarmPrefix = stack.Names.Prefix + "-",
            TrainingInstanceType = settings.TrainingInstanceType,
            HostingInstanceType = settings.HostingInstanceType,
            GitHubWebhookSecretParameter = settings.RepositorySource == RepositorySource.GitHub ? stack.Names.WebhookSecretParameter : null,
        };
    }

    private static void Check(PipelineDescription description, InfraSettings settings)
    {
        var problems = new List<string>();
        void Need(LambdaRole role, bool required)
        {
            var count = description.Functions.Count(f => f.Role == role);
            if (count > 1)
                problems.Add($"the pipeline has {count} {role} handlers; the stack wires exactly one");
            else if (count == 0 && required)
                problems.Add($"the pipeline has no {role} handler, which this stack needs");
        }

        Need(LambdaRole.Trigger, required: true);
        Need(LambdaRole.GitHubWebhook, required: settings.RepositorySource == RepositorySource.GitHub);
        Need(LambdaRole.Alexa, required: false);
        if (description.VariantNames.Count == 0)
            problems.Add("the pipeline names no production variant, so the dashboard and the guardrail alarms would watch nothing");
        foreach (var statement in description.Statements.Concat(description.Functions.SelectMany(f => f.Permissions)))
        {
            if (statement.Actions.Any(a => a.Contains('*', StringComparison.Ordinal)))
                problems.Add($"the statement {statement} has a wildcard action");
        }

        if (problems.Count > 0)
            throw new InvalidOperationException("The pipeline can't be deployed as described:\n  " + string.Join("\n  ", problems));
    }
}
