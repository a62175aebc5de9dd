using System.Text;
using System.Text.Json;
using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Signing;
using SageBuild.Engine.Api.Authentication;
using SageBuild.Tests.Support;

namespace SageBuild.Tests.Engine.Api.Authentication;

/// <summary>Requests signed by real signers at a fixed time: botocore's SigV4Auth (in Python) and AWSSDK.Core's signer.</summary>
internal static class SignedRequests
{
    public const string AccessKeyId = "AKIDEXAMPLE";
    public const string Secret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    public const string Body = """{"stateMachineArn":"arn:aws:states:us-east-1:123456789012:stateMachine:hello"}""";
    public static readonly DateTimeOffset SignedAt = new(2026, 3, 14, 15, 9, 26, TimeSpan.Zero);

    private const string BotocoreScript = """
        import datetime, json, sys
        import botocore.auth
        from botocore.awsrequest import AWSRequest
        from botocore.credentials import Credentials
        fixed = datetime.datetime(2026, 3, 14, 15, 9, 26, tzinfo=datetime.timezone.utc)
        botocore.auth.get_current_datetime = lambda *args, **kwargs: fixed
        body = sys.stdin.read()
        request = AWSRequest(method="POST", url="http://127.0.0.1:8083/", data=body.encode("utf-8"), headers={
            "Content-Type": "application/x-amz-json-1.0",
            "X-Amz-Target": "AWSStepFunctions.DescribeStateMachine",
        })
        botocore.auth.SigV4Auth(Credentials(sys.argv[1], sys.argv[2]), "states", "us-east-1").add_auth(request)
        print(json.dumps({k: v for k, v in request.headers.items()}))
        """;

    /// <summary>Signs <see cref="Body"/> with botocore, as the AWS CLI does; fails when python3 or botocore is missing.</summary>
    public static async Task<SigV4Request> BotocoreAsync(string secret = Secret)
    {
        var result = await ExternalProcess.RunAsync("python3", ["-c", BotocoreScript, AccessKeyId, secret], standardInput: Body);
        Assert.That(result.ExitCode, Is.Zero, $"python3 with botocore is needed to sign (pip install botocore): {result}");
        var headers = JsonSerializer.Deserialize<Dictionary<string, string>>(result.StandardOutput)!;
        headers["Host"] = "127.0.0.1:8083";
        return Request(headers, Body);
    }

    /// <summary>Signs <see cref="Body"/> with AWSSDK.Core's public SigV4 signer, as <c>StepFunctionsClient</c> does.</summary>
    public static SigV4Request AwsSdk(string secret = Secret)
    {
        var signing = new AWSSigningRequest
        {
            HttpMethod = HttpMethod.Post,
            RequestUri = new Uri("http://127.0.0.1:8083/"),
            Content = Encoding.UTF8.GetBytes(Body),
        };
        signing.Headers["Content-Type"] = "application/x-amz-json-1.0";
        signing.Headers["X-Amz-Target"] = "AWSStepFunctions.DescribeStateMachine";
        var signed = AWSSigV4Signer.Sign(signing, new AWSSigV4Parameters
        {
            Credentials = new BasicAWSCredentials(AccessKeyId, secret),
            Region = RegionEndpoint.USEast1,
            Service = "states",
            SignedAt = SignedAt.UtcDateTime,
        });
        var headers = new Dictionary<string, string>(signing.Headers, StringComparer.OrdinalIgnoreCase)
        {
            ["Host"] = "127.0.0.1:8083",
        };
        foreach (var (name, value) in signed.Headers)
            headers[name] = value;
        return Request(headers, Body);
    }

    public static SigV4Request Request(IReadOnlyDictionary<string, string> headers, string body) =>
        new("POST", "/", string.Empty,
            headers.ToDictionary(h => h.Key, h => (IReadOnlyList<string>)[h.Value], StringComparer.OrdinalIgnoreCase),
            Encoding.UTF8.GetBytes(body));

    public static SigV4Request WithHeader(this SigV4Request request, string name, string? value)
    {
        var headers = request.Headers
            .Where(h => !string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase))
            .ToDictionary(h => h.Key, h => h.Value, StringComparer.OrdinalIgnoreCase);
        if (value is not null)
            headers[name] = [value];
        return request with { Headers = headers };
    }

    public static string AmzDate(DateTimeOffset at) => at.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
}
