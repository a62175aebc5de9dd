namespace SageBuild.Local.Build;

/// <summary>The build's source could not be fetched (CodeBuild's DOWNLOAD_SOURCE phase fails).</summary>
internal sealed class BuildSourceException(string message) : Exception(message);
