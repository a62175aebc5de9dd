using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace SageBuild.Engine.Api.Authentication;

/// <summary>
/// Checks AWS Signature Version 4 on incoming requests the way AWS's front end does: over the headers the client lists in
/// SignedHeaders, the body's SHA-256, a credential scope for this service, and a signing time within five minutes of
/// now. Failures carry AWS's error codes and messages; no message ever contains a secret.
/// </summary>
public sealed class SigV4Verifier
{
    /// <summary>How far a request's signing time may be from the server's clock, as AWS allows.</summary>
    public static readonly TimeSpan AllowedSkew = TimeSpan.FromMinutes(5);

    private readonly ServerCredentials _credentials;
    private readonly TimeProvider _timeProvider;
    private readonly string _service;

    /// <summary>Creates a verifier for <paramref name="service"/> (the signing name, <c>states</c> for Step Functions).</summary>
    public SigV4Verifier(ServerCredentials credentials, TimeProvider timeProvider, string service = "states")
    {
        ArgumentNullException.ThrowIfNull(credentials);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentException.ThrowIfNullOrEmpty(service);
        _credentials = credentials;
        _timeProvider = timeProvider;
        _service = service;
    }

    /// <summary>Verifies <paramref name="request"/> and returns the access key id that signed it.</summary>
    /// <exception cref="StepFunctionsException">
    /// MissingAuthenticationTokenException (no signature), IncompleteSignatureException (a malformed one),
    /// UnrecognizedClientException (an unknown access key), InvalidSignatureException (a wrong signature, scope or time).
    /// </exception>
    public string Verify(SigV4Request request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var header = request.Header("Authorization") is { Count: > 0 } values ? values[0] : null;
        if (string.IsNullOrWhiteSpace(header))
            throw Error(StepFunctionsErrorCodes.MissingAuthenticationTokenException, "Request is missing Authentication Token");
        var authorization = SigV4Authorization.Parse(header);
        var (amzDate, signedAt, dateHeader) = SigningTime(request);
        if (!authorization.SignedHeaders.Contains("host", StringComparer.OrdinalIgnoreCase))
            throw Error(StepFunctionsErrorCodes.IncompleteSignatureException, "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
        // An unsigned date would let anyone replay a captured request forever by changing it.
        if (!authorization.SignedHeaders.Contains(dateHeader, StringComparer.OrdinalIgnoreCase))
            throw Error(StepFunctionsErrorCodes.IncompleteSignatureException, $"'{dateHeader}' must be a 'SignedHeader' in the AWS Authorization.");
        CheckScope(authorization, amzDate);
        if (!_credentials.TryGetSecret(authorization.AccessKeyId, out var secret))
            throw Error(StepFunctionsErrorCodes.UnrecognizedClientException, "The security token included in the request is invalid.");
        CheckSkew(signedAt);

        var canonicalRequest = SigV4Canonicalizer.CanonicalRequest(request, authorization.SignedHeaders, SigV4Canonicalizer.PayloadHash(request.Body.Span));
        var stringToSign = SigV4Canonicalizer.StringToSign(amzDate, authorization.Scope, canonicalRequest);
        var expected = SigV4Canonicalizer.Signature(secret, authorization.Date, authorization.Region, authorization.Service, stringToSign);
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(authorization.Signature.ToLowerInvariant())))
        {
            throw Error(StepFunctionsErrorCodes.InvalidSignatureException,
                "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. "
                + "Consult the service documentation for details.\n\n"
                + $"The Canonical String for this request should have been\n'{canonicalRequest}'\n\n"
                + $"The String-to-Sign should have been\n'{stringToSign}'\n");
        }
        return authorization.AccessKeyId;
    }

    private static (string AmzDate, DateTimeOffset SignedAt, string Header) SigningTime(SigV4Request request)
    {
        if (request.Header("X-Amz-Date") is { Count: > 0 } amz)
        {
            return DateTimeOffset.TryParseExact(amz[0], SigV4Canonicalizer.AmzDateFormat, CultureInfo.InvariantCulture,
                    DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at)
                ? (amz[0], at, "x-amz-date")
                : throw Error(StepFunctionsErrorCodes.IncompleteSignatureException,
                    $"Date must be in ISO-8601 'basic format'. Got '{amz[0]}'. See http://en.wikipedia.org/wiki/ISO_8601");
        }
        if (request.Header("Date") is { Count: > 0 } date
            && DateTimeOffset.TryParseExact(date[0], "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var dated))
        {
            return (dated.UtcDateTime.ToString(SigV4Canonicalizer.AmzDateFormat, CultureInfo.InvariantCulture), dated, "date");
        }
        throw Error(StepFunctionsErrorCodes.IncompleteSignatureException,
            "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
    }

    private void CheckScope(SigV4Authorization authorization, string amzDate)
    {
        if (authorization.Service != _service)
            throw Error(StepFunctionsErrorCodes.InvalidSignatureException, $"Credential should be scoped to correct service: '{_service}'. ");
        if (authorization.Terminator != "aws4_request")
            throw Error(StepFunctionsErrorCodes.InvalidSignatureException,
                $"Credential should be scoped with a valid terminator: 'aws4_request', not '{authorization.Terminator}'. ");
        if (authorization.Date != amzDate[..8])
        {
            throw Error(StepFunctionsErrorCodes.InvalidSignatureException,
                $"Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '{authorization.Date}' != '{amzDate[..8]}', from '{amzDate}'.");
        }
    }

    private void CheckSkew(DateTimeOffset signedAt)
    {
        var now = _timeProvider.GetUtcNow();
        if (signedAt < now - AllowedSkew)
            throw Error(StepFunctionsErrorCodes.InvalidSignatureException, $"Signature expired: {Format(signedAt)} is now earlier than {Format(now - AllowedSkew)} ({Format(now)} - 5 min.)");
        if (signedAt > now + AllowedSkew)
            throw Error(StepFunctionsErrorCodes.InvalidSignatureException, $"Signature not yet current: {Format(signedAt)} is still later than {Format(now + AllowedSkew)} ({Format(now)} + 5 min.)");
    }

    private static string Format(DateTimeOffset at) => at.UtcDateTime.ToString(SigV4Canonicalizer.AmzDateFormat, CultureInfo.InvariantCulture);

    private static StepFunctionsException Error(string code, string message) => new(code, message);
}
