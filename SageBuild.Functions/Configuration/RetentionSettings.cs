namespace SageBuild.Functions.Configuration;

/// <summary>How many old SageMaker models and endpoint configs are kept (<c>retention</c>).</summary>
/// <param name="Models">Models to keep, the live one included.</param>
/// <param name="EndpointConfigs">Endpoint configs to keep, the live one included.</param>
public sealed record RetentionSettings(int Models = ConfigurationDefaults.KeepModels, int EndpointConfigs = ConfigurationDefaults.KeepEndpointConfigs);
