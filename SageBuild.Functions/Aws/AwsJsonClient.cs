using System.Net.Http.Headers;
using System.Text;
using Amazon;
using Amazon.Runtime.Signing;
using SageBuild.StateMachines.Json;

namespace SageBuild.Functions.Aws;

/// <summary>
/// The AWS JSON protocol (awsJson1_0 for Step Functions, awsJson1_1 for SSM): <c>POST /</c> with the operation in
/// <c>X-Amz-Target</c>, a JSON body, signed with AWSSDK.Core's public SigV4 handler. Throttling and server errors are
/// tried again twice, each attempt signed afresh; any other error answer is an <see cref="AwsServiceException"/>.
/// </summary>
internal sealed class AwsJsonClient : IDisposable
{
    private static readonly TimeSpan[] Backoff = [TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(400)];
    private readonly HttpClient _http;
    private readonly MediaTypeHeaderValue _contentType;
    private readonly string _targetPrefix;

    /// <param name="connection">The region, credentials and timeout.</param>
    /// <param name="signingName">The SigV4 service name, such as <c>states</c>.</param>
    /// <param name="jsonVersion"><c>1.0</c> or <c>1.1</c>.</param>
    /// <param name="targetPrefix">The X-Amz-Target prefix, such as <c>AWSStepFunctions</c>.</param>
    /// <param name="endpoint">Where calls go.</param>
    public AwsJsonClient(AwsConnection connection, string signingName, string jsonVersion, string targetPrefix, Uri endpoint)
    {
        ArgumentNullException.ThrowIfNull(connection);
        Endpoint = endpoint;
        _targetPrefix = targetPrefix + ".";
        _contentType = new MediaTypeHeaderValue($"application/x-amz-json-{jsonVersion}");
        // The signer's documentation: redirects must not be followed below it, or the next hop goes unsigned or mis-signed.
        var transport = new SocketsHttpHandler { AllowAutoRedirect = false };
        var signing = new SigV4SigningHandler(connection.Credentials, RegionEndpoint.GetBySystemName(connection.Region), signingName, transport);
        _http = new HttpClient(signing) { Timeout = connection.Timeout };
        _http.DefaultRequestHeaders.UserAgent.ParseAdd("sagebuild-functions/1.0");
    }

    /// <summary>Where calls go.</summary>
    public Uri Endpoint { get; }

    /// <summary>Calls <paramref name="operation"/> with <paramref name="body"/>; the answer's JSON object.</summary>
    public async Task<JsonObject> SendAsync(string operation, JsonObject body, CancellationToken cancellationToken)
    {
        var target = _targetPrefix + operation;
        var payload = Encoding.UTF8.GetBytes(body.ToJson());
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await SendOnceAsync(target, payload, cancellationToken);
            }
            catch (Exception e) when (attempt < Backoff.Length && IsTransient(e) && !cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(Backoff[attempt], cancellationToken);
            }
        }
    }

    public void Dispose() => _http.Dispose();

    private static bool IsTransient(Exception e) => e is AwsServiceException { IsTransient: true } or HttpRequestException;

    private async Task<JsonObject> SendOnceAsync(string target, byte[] payload, CancellationToken cancellationToken)
    {
        // A new message per attempt: the signing handler signs each send with a fresh timestamp.
        using var request = new HttpRequestMessage(HttpMethod.Post, Endpoint) { Content = new ByteArrayContent(payload) };
        request.Content.Headers.ContentType = _contentType;
        request.Headers.Add("X-Amz-Target", target);
        using var response = await _http.SendAsync(request, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        var requestId = response.Headers.TryGetValues("x-amzn-RequestId", out var ids) ? ids.FirstOrDefault() : null;
        JsonValue? answer = null;
        try
        {
            answer = text.Length == 0 ? JsonObject.Empty : JsonValue.Parse(text);
        }
        catch (System.Text.Json.JsonException)
        {
            // Not JSON (a proxy's error page): reported below with the status line.
        }

        if (response.IsSuccessStatusCode)
        {
            return answer as JsonObject
                ?? throw new AwsServiceException(target, "SerializationException", $"the answer is not a JSON object: {Clip(text)}", (int)response.StatusCode, requestId);
        }

        var status = (int)response.StatusCode;
        var code = ErrorCode(Field(answer, "__type")) ?? ErrorCode(response.Headers.TryGetValues("x-amzn-ErrorType", out var types) ? types.FirstOrDefault() : null)
            ?? (status >= 500 ? "InternalFailure" : $"Http{status}");
        var message = Field(answer, "message") ?? Field(answer, "Message") ?? $"HTTP {status} {response.ReasonPhrase}";
        throw new AwsServiceException(target, code, message, status, requestId);
    }

    private static string? Field(JsonValue? answer, string name) =>
        answer is JsonObject o && o.TryGetValue(name, out var value) && value is JsonString s ? s.Value : null;

    // AWS sends "com.amazonaws.swf.service.v2.model#ExecutionAlreadyExists" or "Code:http://internal.amazon.com/...".
    private static string? ErrorCode(string? type)
    {
        if (string.IsNullOrWhiteSpace(type))
            return null;
        var code = type[(type.LastIndexOf('#') + 1)..];
        var colon = code.IndexOf(':', StringComparison.Ordinal);
        return colon >= 0 ? code[..colon] : code;
    }

    private static string Clip(string text) => text.Length <= 200 ? text : text[..200] + "…";
}
