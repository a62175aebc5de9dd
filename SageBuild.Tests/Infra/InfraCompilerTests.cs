using SageBuild.Infra;
using SageBuild.Infra.Pipeline;
using SageBuild.StateMachines.Validation;
using SageBuild.Tests.InfraHost;

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
    public void A_stack_prints_its_program_on_standard_output_only()
    {
        var (exitCode, output, error) = Run(new ProvisionalPipeline(), ("PULUMI_STACK", "dev"), ("PULUMI_CONFIG", "{\"sagebuild:branch\": \"dev\"}"));
        Assert.That((exitCode, error), Is.EqualTo((0, "")));
        Assert.That(output, Does.StartWith("name: sagebuild\n").And.Contain("\n  stateMachine:\n    type: aws:sfn:StateMachine\n"));
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
    public void Until_the_pipeline_lands_the_deployed_compiler_refuses_to_print_a_stand_in()
    {
        var (exitCode, output, error) = Run(PipelineCatalog.Deployed, ("PULUMI_STACK", "dev"));
        Assert.That((exitCode, output), Is.EqualTo((1, "")));
        Assert.That(error, Is.EqualTo("SageBuild.Infra: the SageBuild pipeline (SageBuild.Functions) has not landed yet, so there is no state machine to deploy\n"));
    }

    private sealed class Broken : IPipelineSource
    {
        public PipelineDescription Describe(PipelineResources resources) =>
            throw new DefinitionException([new DefinitionError("/States/Train/Next", DefinitionErrorCodes.SchemaValidationFailed, "the state 'Deploy' does not exist")]);
    }
}
