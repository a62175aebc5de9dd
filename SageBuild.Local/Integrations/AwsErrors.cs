using SageBuild.Engine.Integrations;
using SageBuild.Local.Shapes;

namespace SageBuild.Local.Integrations;

/// <summary>
/// Turns a refused request into the error Step Functions reports. An optimized integration names the SDK's
/// service exception (<c>SageMaker.AmazonSageMakerException</c>, <c>CodeBuild.AWSCodeBuildException</c>); an AWS SDK
/// integration names the error itself, always with the Exception suffix (<c>SageMaker.ResourceNotFoundException</c>).
/// </summary>
internal static class AwsErrors
{
    public static IntegrationOutcome Outcome(ServiceException error, ResourceTarget target, string serviceName, string optimizedException)
    {
        var code = error.Code.EndsWith("Exception", StringComparison.Ordinal) ? error.Code : error.Code + "Exception";
        var requestId = Guid.NewGuid().ToString("D");
        return target.Service.StartsWith("aws-sdk:", StringComparison.Ordinal)
            ? IntegrationOutcome.Failure($"{serviceName}.{code}", $"{error.Message} (Service: {serviceName}, Status Code: 400, Request ID: {requestId})")
            : IntegrationOutcome.Failure($"{serviceName}.{optimizedException}",
                $"{error.Message} (Service: {optimizedException.Replace("Exception", "", StringComparison.Ordinal)}; Status Code: 400; Error Code: {error.Code}; Request ID: {requestId}; Proxy: null)");
    }

    public static TimestampFormat TimestampsFor(ResourceTarget target) =>
        target.Service.StartsWith("aws-sdk:", StringComparison.Ordinal) ? TimestampFormat.Iso8601 : TimestampFormat.EpochMilliseconds;
}
