namespace SageBuild.Functions.Configuration;

/// <summary>The request sent to a new endpoint before it is accepted (<c>smokeTest</c>).</summary>
/// <param name="Body">The request body.</param>
/// <param name="ContentType">Its content type.</param>
public sealed record SmokeTestSettings(string Body, string ContentType = ConfigurationDefaults.SmokeContentType);
