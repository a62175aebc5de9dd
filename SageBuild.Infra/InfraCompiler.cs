using SageBuild.Infra.Configuration;
using SageBuild.Infra.Model;
using SageBuild.Infra.Pipeline;
using SageBuild.Infra.Stack;
using SageBuild.StateMachines.Validation;

namespace SageBuild.Infra;

/// <summary>
/// The compiler Pulumi's YAML runtime runs: reads the stack from the environment, builds the program and prints it.
/// Standard output carries only the program (Pulumi reads everything there as YAML); problems go to standard error
/// with exit code 1, each naming the config key or the part of the pipeline it is about.
/// </summary>
public static class InfraCompiler
{
    /// <summary>Prints the program of the stack in <paramref name="variables"/>; returns the process exit code.</summary>
    public static int Run(Func<string, string?> variables, TextWriter output, TextWriter error, IPipelineSource pipeline)
    {
        ArgumentNullException.ThrowIfNull(variables);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(pipeline);
        try
        {
            var settings = InfraSettingsReader.Read(StackEnvironment.Read(variables));
            output.Write(PulumiYaml.Write(SageBuildProgram.Build(settings, pipeline)));
            output.Flush();
            return 0;
        }
        catch (ConfigurationException e)
        {
            error.WriteLine($"SageBuild.Infra: {e.Message}");
            return 1;
        }
        catch (DefinitionException e)
        {
            error.WriteLine($"SageBuild.Infra: the pipeline's definition is invalid: {e.Message}");
            return 1;
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException)
        {
            error.WriteLine($"SageBuild.Infra: {e.Message}");
            return 1;
        }
    }
}
