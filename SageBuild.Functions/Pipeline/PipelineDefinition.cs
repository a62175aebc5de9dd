using SageBuild.Functions.Configuration;
using SageBuild.StateMachines.Builders;

namespace SageBuild.Functions.Pipeline;

/// <summary>
/// The SageBuild pipeline: one state machine built with the typed builders. It depends only on the deployment's
/// identities and the configuration's deploy-time shape (hooks and Lambda step replacements); every other setting is
/// read from the configuration parameter when a build runs.
/// </summary>
public static class PipelineDefinition
{
    /// <summary>The pipeline for <paramref name="options"/>, shaped by the deploy-time document <paramref name="shape"/>.</summary>
    public static StateMachine Create(PipelineOptions options, PipelineConfiguration? shape = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        Naming.ResourceNames.CheckPrefix(options.EffectiveNamePrefix);
        var s = new PipelineStates(options, shape ?? new PipelineConfiguration());

        // Read top to bottom: the states after a Choice are joined again with Afterwards().
        var deployed = s.Record("Deployed", "DEPLOYED", production: true)
            .Next(s.AfterDeploy())
            .Next(s.Notify("Deployed"))
            .Next(new StateMachines.Builders.Pass("MarkDeployed", new PassOptions
            {
                Parameters = TaskInput.FromObject(("status", "DEPLOYED"), ("summary", JsonPath.StringAt("$.notification.summary"))),
                ResultPath = "$.outcome",
            }));
        var build = Chain.Start(s.ReadConfiguration())
            .Next(s.Record("Started", "RUNNING"))
            .Next(s.Notify("Started"))
            .Next(s.Etl())
            .Next(s.TrainingConfig())
            .Next(s.BuildImage("Training", "$.settings.flags.buildTrainingImage", "$.plan.trainingImage.tag", options.TrainingRepositoryUri))
            .Next(s.Train());
        var afterGate = Chain.Start(s.ModelConfig())
            .Next(s.BuildImage("Inference", "$.settings.flags.buildInferenceImage", "$.modelPlan.inferenceImage.tag", options.InferenceRepositoryUri))
            .Next(s.CreateModel())
            .Next(s.EndpointConfig())
            .Next(s.CreateEndpointConfig())
            .Next(new Choice("DeployEndpoint?")
                .When(StateMachines.Conditions.Condition.BooleanEquals("$.settings.flags.deploy", false), s.Conclude("Registered", "REGISTERED", "REGISTERED"))
                .Otherwise(s.Deploy(deployed.Next(s.FinishState), s.Conclude("RolledBack", "ROLLED_BACK", "FAILED"))));
        build.Next(s.QualityGate(afterGate, s.Conclude("Rejected", "REJECTED", "REJECTED")));
        var definition = Chain.Start(s.Prepare()).Next(s.NormaliseTrigger()).Next(s.AcquireBuildLock(build));
        return StateMachine.Define(options.StateMachineName, definition, new StateMachineOptions
        {
            Comment = "SageBuild: configuration → build number → ETL → training image → training or tuning → quality gate → inference image → model → endpoint config → deploy with guardrails → verify → roll back or record → retention → PostProcess → notify",
            Timeout = TimeSpan.FromDays(7),
        });
    }
}
