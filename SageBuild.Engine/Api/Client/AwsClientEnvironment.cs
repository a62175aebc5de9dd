using Amazon.Runtime;
using Amazon.Runtime.CredentialManagement;
using Amazon.Runtime.Credentials;

namespace SageBuild.Engine.Api.Client;

/// <summary>Resolves the region and credentials of a <see cref="StepFunctionsClient"/> the way AWS's tools do.</summary>
internal static class AwsClientEnvironment
{
    /// <summary>The region used against an endpoint when nothing names one (Step Functions Local does the same).</summary>
    public const string DefaultLocalRegion = "us-east-1";

    public static string ResolveRegion(StepFunctionsClientOptions options)
    {
        var region = options.Region
            ?? Variable("AWS_REGION")
            ?? Variable("AWS_DEFAULT_REGION")
            ?? ProfileRegion(options.Profile ?? Variable("AWS_PROFILE") ?? "default");
        if (region is not null)
            return region;
        if (options.Endpoint is not null)
            return DefaultLocalRegion;
        throw new InvalidOperationException(
            "No AWS region: pass --region, set AWS_REGION, or set a region in the profile (or pass --endpoint to call a SageBuild server).");
    }

    /// <summary>The credentials to sign with, or null to send calls unsigned (only against an endpoint).</summary>
    public static AWSCredentials? ResolveCredentials(StepFunctionsClientOptions options)
    {
        if (!options.SignRequests)
            return null;
        if (options.Credentials is not null)
            return options.Credentials;
        if (options.Profile is { } profile)
        {
            return new CredentialProfileStoreChain().TryGetAWSCredentials(profile, out var fromProfile)
                ? fromProfile
                : throw new InvalidOperationException($"No AWS profile named '{profile}' in the shared config or credentials files.");
        }
        if (options.Endpoint is null)
        {
            try
            {
                return DefaultAWSCredentialsIdentityResolver.GetCredentials();
            }
            catch (AmazonClientException e)
            {
                throw new InvalidOperationException(
                    "No AWS credentials found (environment, shared config and credentials files, SSO, container or instance role): "
                    + "set AWS_PROFILE or pass --profile, or pass --endpoint to call a SageBuild server. " + e.Message, e);
            }
        }
        // Against a local endpoint, skip the chain's network probes (instance metadata), which would stall every command.
        if (Variable("AWS_ACCESS_KEY_ID") is { } key && Variable("AWS_SECRET_ACCESS_KEY") is { } secret)
        {
            return Variable("AWS_SESSION_TOKEN") is { } token
                ? new SessionAWSCredentials(key, secret, token)
                : new BasicAWSCredentials(key, secret);
        }
        return new CredentialProfileStoreChain().TryGetAWSCredentials(Variable("AWS_PROFILE") ?? "default", out var fromDefault)
            ? fromDefault
            : null;
    }

    private static string? ProfileRegion(string profile) =>
        new CredentialProfileStoreChain().TryGetProfile(profile, out var found) ? found.Region?.SystemName : null;

    private static string? Variable(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : null;
}
