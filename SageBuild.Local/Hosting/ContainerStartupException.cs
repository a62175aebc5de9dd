namespace SageBuild.Local.Hosting;

/// <summary>A serving process that could not be started or did not become healthy.</summary>
internal sealed class ContainerStartupException(string message) : Exception(message);
