namespace SageBuild.Cli.Projects;

/// <summary>The request a project sends its endpoint after a deploy (printed as the sample prediction, and the smoke test).</summary>
/// <param name="Body">The request body.</param>
/// <param name="ContentType">Its content type.</param>
public sealed record ProjectSample(string Body, string ContentType);
