using Amazon.Runtime;
using Amazon.Runtime.Credentials;

namespace SageBuild.Functions.Aws;

/// <summary>
/// Where a function's AWS calls go and whom they are signed as. In Lambda the runtime puts the region
/// (<c>AWS_REGION</c>) and the function role's temporary credentials (<c>AWS_ACCESS_KEY_ID</c>,
/// <c>AWS_SECRET_ACCESS_KEY</c>, <c>AWS_SESSION_TOKEN</c>) in the environment; <see cref="FromEnvironment"/> reads them,
/// and falls back to the AWS SDK's standard credential chain elsewhere.
/// </summary>
public sealed record AwsConnection
{
    /// <summary>The region calls go to and are signed for, such as <c>eu-west-1</c>.</summary>
    public required string Region { get; init; }

    /// <summary>The credentials every call is signed with (SigV4); resolved again on every call, so refreshing credentials work.</summary>
    public required AWSCredentials Credentials { get; init; }

    /// <summary>Where Step Functions calls go instead of AWS's regional endpoint (a SageBuild server, say).</summary>
    /// <value>None by default: <c>https://states.{region}.amazonaws.com/</c>.</value>
    public Uri? StepFunctionsEndpoint { get; init; }

    /// <summary>Where SSM Parameter Store calls go instead of AWS's regional endpoint.</summary>
    /// <value>None by default: <c>https://ssm.{region}.amazonaws.com/</c>.</value>
    public Uri? ParameterStoreEndpoint { get; init; }

    /// <summary>How long one call may take before it is abandoned.</summary>
    /// <value>Defaults to 10 seconds: Alexa waits 8 seconds for an answer and GitHub 10 for a webhook's.</value>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The connection the environment describes: the region from <c>AWS_REGION</c> (or <c>AWS_DEFAULT_REGION</c>),
    /// credentials from <c>AWS_ACCESS_KEY_ID</c>/<c>AWS_SECRET_ACCESS_KEY</c>/<c>AWS_SESSION_TOKEN</c> (or else the
    /// SDK's chain: profile, SSO, container and instance roles), and the SDKs' endpoint overrides
    /// <c>AWS_ENDPOINT_URL_SFN</c>, <c>AWS_ENDPOINT_URL_SSM</c> and <c>AWS_ENDPOINT_URL</c>.
    /// </summary>
    /// <exception cref="InvalidOperationException">No region, no credentials, or an endpoint override that is not an absolute URL; the message names the variable.</exception>
    public static AwsConnection FromEnvironment(Func<string, string?> variables)
    {
        ArgumentNullException.ThrowIfNull(variables);
        string? Variable(string name) => variables(name) is { Length: > 0 } value ? value : null;
        var region = Variable("AWS_REGION") ?? Variable("AWS_DEFAULT_REGION")
            ?? throw new InvalidOperationException("AWS_REGION is not set: the Lambda runtime sets it; elsewhere set AWS_REGION to the stack's region");
        AWSCredentials credentials;
        if (Variable("AWS_ACCESS_KEY_ID") is { } key)
        {
            var secret = Variable("AWS_SECRET_ACCESS_KEY")
                ?? throw new InvalidOperationException("AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not: set both (and AWS_SESSION_TOKEN for temporary credentials)");
            credentials = Variable("AWS_SESSION_TOKEN") is { } token ? new SessionAWSCredentials(key, secret, token) : new BasicAWSCredentials(key, secret);
        }
        else
        {
            try
            {
                credentials = DefaultAWSCredentialsIdentityResolver.GetCredentials();
            }
            catch (AmazonClientException e)
            {
                throw new InvalidOperationException(
                    "No AWS credentials: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not set and the SDK's chain found none. " + e.Message, e);
            }
        }

        var shared = Endpoint(variables, "AWS_ENDPOINT_URL");
        return new AwsConnection
        {
            Region = region,
            Credentials = credentials,
            StepFunctionsEndpoint = Endpoint(variables, "AWS_ENDPOINT_URL_SFN") ?? shared,
            ParameterStoreEndpoint = Endpoint(variables, "AWS_ENDPOINT_URL_SSM") ?? shared,
        };
    }

    /// <summary>AWS's regional endpoint of <paramref name="endpointPrefix"/> (<c>states</c>, <c>ssm</c>) in <see cref="Region"/>.</summary>
    public Uri RegionalEndpoint(string endpointPrefix)
    {
        ArgumentException.ThrowIfNullOrEmpty(endpointPrefix);
        // The China regions are the one partition of the commercial SDKs whose DNS suffix differs.
        var suffix = Region.StartsWith("cn-", StringComparison.Ordinal) ? "amazonaws.com.cn" : "amazonaws.com";
        return new Uri($"https://{endpointPrefix}.{Region}.{suffix}/");
    }

    private static Uri? Endpoint(Func<string, string?> variables, string name) => variables(name) switch
    {
        null or "" => null,
        var text when Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) => uri,
        var text => throw new InvalidOperationException($"{name} is '{text}', which is not an http(s) URL"),
    };
}
