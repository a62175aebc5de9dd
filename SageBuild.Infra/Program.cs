using SageBuild.Infra;
using SageBuild.Infra.Pipeline;

// Pulumi runs this from the project directory (see Pulumi.yaml) and reads the program from standard output.
return InfraCompiler.Run(Environment.GetEnvironmentVariable, Console.Out, Console.Error, PipelineCatalog.Deployed);
