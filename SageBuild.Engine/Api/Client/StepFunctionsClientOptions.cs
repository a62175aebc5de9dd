using Amazon.Runtime;

namespace SageBuild.Engine.Api.Client;

/// <summary>Where a <see cref="StepFunctionsClient"/> sends its calls and how it signs them.</summary>
public sealed record StepFunctionsClientOptions
{
    /// <summary>
    /// A SageBuild server (or any Step Functions-compatible endpoint), such as <c>http://127.0.0.1:8083</c>.
    /// When null the client calls AWS Step Functions itself at <c>https://states.&lt;region&gt;.amazonaws.com</c>.
    /// </summary>
    /// <value>null: AWS.</value>
    public Uri? Endpoint { get; init; }

    /// <summary>The region to sign for and, for AWS, to call.</summary>
    /// <value>null: AWS_REGION, AWS_DEFAULT_REGION, then the profile's region; <c>us-east-1</c> for an endpoint when none is set.</value>
    public string? Region { get; init; }

    /// <summary>The named profile in the shared AWS config and credentials files.</summary>
    /// <value>null: AWS_PROFILE, then <c>default</c>.</value>
    public string? Profile { get; init; }

    /// <summary>Credentials to sign with, overriding the credential chain.</summary>
    /// <value>
    /// null: the standard AWS chain. Against AWS that is the SDK's full chain (environment, profile, SSO, container,
    /// instance metadata); against an endpoint it is the environment, then the profile, and calls go unsigned when neither
    /// has credentials (a SageBuild server without <c>--credentials</c> accepts them).
    /// </value>
    public AWSCredentials? Credentials { get; init; }

    /// <summary>Whether calls are signed; false sends them unsigned, as the AWS CLI's <c>--no-sign-request</c> does.</summary>
    /// <value>true: sign whenever credentials are found.</value>
    public bool SignRequests { get; init; } = true;

    /// <summary>How long one call may take.</summary>
    /// <value>100 seconds.</value>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(100);
}
