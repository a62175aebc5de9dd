namespace SageBuild.Local.Build;

/// <summary>A buildspec that cannot be used; the message names the file, the line and the key.</summary>
internal sealed class BuildspecException(string message) : Exception(message);
