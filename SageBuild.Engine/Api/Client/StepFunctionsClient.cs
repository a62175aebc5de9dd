using System.Net.Http.Headers;
using System.Text.Json;
using Amazon;
using Amazon.Runtime.Signing;
using SageBuild.Engine.Api.Protocol;

namespace SageBuild.Engine.Api.Client;

/// <summary>
/// One client for a SageBuild server and for AWS Step Functions: awsJson1_0 over HTTP, signed with AWSSDK.Core's SigV4
/// signer for service <c>states</c>. Every operation of <see cref="IStepFunctionsService"/> is a call; an error answer
/// raises a <see cref="StepFunctionsException"/> with the server's code and message.
/// </summary>
public sealed partial class StepFunctionsClient : IStepFunctionsService, IDisposable
{
    private const string TargetPrefix = "AWSStepFunctions.";
    private static readonly MediaTypeHeaderValue AwsJson = new("application/x-amz-json-1.0");

    private readonly HttpClient _http;
    private readonly bool _usesHostPrefixes;

    /// <summary>Creates a client; resolves the region and credentials once, here.</summary>
    /// <exception cref="InvalidOperationException">No region can be found for AWS, or a named profile does not exist.</exception>
    public StepFunctionsClient(StepFunctionsClientOptions? options = null)
    {
        options ??= new StepFunctionsClientOptions();
        Region = AwsClientEnvironment.ResolveRegion(options);
        var credentials = AwsClientEnvironment.ResolveCredentials(options);
        IsSigned = credentials is not null;
        // AWS's endpoint puts some operations on a "sync-" host; a local endpoint serves them all on one host.
        _usesHostPrefixes = options.Endpoint is null;
        Endpoint = options.Endpoint ?? new Uri($"https://states.{Region}.amazonaws.com/");
        HttpMessageHandler transport = new SocketsHttpHandler();
        if (credentials is not null)
            transport = new SigV4SigningHandler(credentials, RegionEndpoint.GetBySystemName(Region), "states", transport);
        _http = new HttpClient(transport) { Timeout = options.Timeout };
        _http.DefaultRequestHeaders.UserAgent.ParseAdd("sagebuild/1.0");
    }

    /// <summary>The endpoint calls go to.</summary>
    public Uri Endpoint { get; }

    /// <summary>The region calls are signed for.</summary>
    public string Region { get; }

    /// <summary>Whether calls carry a SigV4 signature: false when <see cref="StepFunctionsClientOptions.SignRequests"/> is, or against an endpoint with no credentials found.</summary>
    public bool IsSigned { get; }

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();

    private async Task<TOutput> SendAsync<TInput, TOutput>(string operationName, TInput input, CancellationToken cancellationToken)
        where TInput : class
    {
        ArgumentNullException.ThrowIfNull(input);
        var operation = (StepFunctionsOperation<TInput, TOutput>)StepFunctionsOperations.ByName[operationName];
        using var request = new HttpRequestMessage(HttpMethod.Post, UriFor(operation.HostPrefix))
        {
            Content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(input, operation.Input)),
        };
        request.Content.Headers.ContentType = AwsJson;
        request.Headers.Add("X-Amz-Target", TargetPrefix + operationName);
        using var response = await _http.SendAsync(request, cancellationToken);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
            throw AwsErrorReader.Read(response, body);
        try
        {
            return JsonSerializer.Deserialize(body, operation.Output)
                ?? throw new StepFunctionsException(StepFunctionsErrorCodes.SerializationException, $"{operationName} answered null");
        }
        catch (JsonException e)
        {
            throw new StepFunctionsException(StepFunctionsErrorCodes.SerializationException,
                $"{operationName} answered a body this client cannot read: {e.Message}", 200, AwsErrorReader.RequestId(response), e);
        }
    }

    private Uri UriFor(string? hostPrefix) =>
        _usesHostPrefixes && hostPrefix is { } prefix
            ? new UriBuilder(Endpoint) { Host = prefix + Endpoint.Host }.Uri
            : Endpoint;
}
