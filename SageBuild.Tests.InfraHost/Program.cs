using SageBuild.Infra;
using SageBuild.Tests.InfraHost;

// The compiler exactly as SageBuild.Infra runs it, with the provisional pipeline in place of SageBuild.Functions'.
return InfraCompiler.Run(Environment.GetEnvironmentVariable, Console.Out, Console.Error, new ProvisionalPipeline());
