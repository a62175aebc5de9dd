using SageBuild.Infra;
using SageBuild.Infra.Pipeline;
using SageBuild.StateMachines.Validation;

namespace SageBuild.Tests.Infra;

public sealed class InfraCompilerTests
{
    private static (int ExitCode, string Output, string Error) Run(IPipelineSource pipeline, params (string Name, string Value)[] variables)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var environment = variables.ToDictionary(v => v.Name, v => v.Value);
        var exitCode = InfraCompiler.Run(name => environment.GetValueOrDefault(name), output, error, pipeline);
        return (exitCode, output.ToString(), error.ToString());
    }

    [Test]
    public void A_stack_prints_its_program_with_the_SageBuild_pipeline_on_standard_output_only()
    {
        var (exitCode, output, error) = Run(PipelineCatalog.Deployed, ("PULUMI_STACK", "dev"), ("PULUMI_CONFIG", "{\"sagebuild:branch\": \"dev\"}"));
        Assert.That((exitCode, error), Is.EqualTo((0, "")));
        Assert.That(output, Does.StartWith("name: sagebuild\n").And.Contain("\n  stateMachine:\n    type: aws:sfn:StateMachine\n"));
        Assert.That(output, Does.Contain("AcquireBuildLock").And.Contain("QualityGate"), "the deployed definition is the SageBuild pipeline's");
    }

    [Test]
    public void An_invalid_pipeline_definition_is_reported_without_a_stack_trace()
    {
        var (exitCode, output, error) = Run(new Broken(), ("PULUMI_STACK", "dev"));
        Assert.That(exitCode, Is.EqualTo(1));
        Assert.That(output, Is.Empty);
        Assert.That(error, Does.StartWith("SageBuild.Infra: the pipeline's definition is invalid: ").And.Contain("/States/Train"));
        Assert.That(error, Does.Not.Contain("   at "));
    }

    [Test]
    public void A_bad_pipeline_override_is_named_by_its_stack_config_key()
    {
        var config = """{"sagebuild:branch": "dev", "sagebuild:pipeline": "{\"training\": {\"instanceCount\": 0}, \"hosting\": {\"instanceType\": \"large\"}}"}""";
        var (exitCode, output, error) = Run(PipelineCatalog.Deployed, ("PULUMI_STACK", "dev"), ("PULUMI_CONFIG", config));
        Assert.That((exitCode, output), Is.EqualTo((1, "")));
        Assert.That(error, Does.Contain("sagebuild:pipeline.training.instanceCount: must be ≥ 1"));
        Assert.That(error, Does.Contain("sagebuild:pipeline.hosting.instanceType: "), "an override wins over the stack's own setting, and is named as one");
        Assert.That(error, Does.Not.Contain("   at "));
    }

    [Test]
    public void A_stack_name_too_long_for_the_pipeline_SageMaker_names_is_refused()
    {
        var (exitCode, output, error) = Run(PipelineCatalog.Deployed, ("PULUMI_STACK", "integration"));
        Assert.That((exitCode, output), Is.EqualTo((1, "")));
        Assert.That(error, Is.EqualTo("SageBuild.Infra: PULUMI_STACK: 'integration' makes the SageMaker name prefix 'sagebuild-integration-' longer than 20 characters (tuning job names are at most 32): use a stack name of at most 9 characters\n"));
    }

    private sealed class Broken : IPipelineSource
    {
        public PipelineDescription Describe(PipelineResources resources) =>
            throw new DefinitionException([new DefinitionError("/States/Train/Next", DefinitionErrorCodes.SchemaValidationFailed, "the state 'Deploy' does not exist")]);
    }
}
