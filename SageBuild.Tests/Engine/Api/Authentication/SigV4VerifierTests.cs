using System.Text;
using Microsoft.Extensions.Time.Testing;
using SageBuild.Engine.Api;
using SageBuild.Engine.Api.Authentication;

namespace SageBuild.Tests.Engine.Api.Authentication;

public sealed class SigV4VerifierTests
{
    private static SigV4Verifier VerifierAt(DateTimeOffset now) =>
        new(ServerCredentials.Parse($"{SignedRequests.AccessKeyId}:{SignedRequests.Secret}"), new FakeTimeProvider(now));

    private static readonly SigV4Verifier Verifier = VerifierAt(SignedRequests.SignedAt.AddSeconds(3));

    [Test]
    public async Task Accepts_a_request_signed_by_botocore()
    {
        var request = await SignedRequests.BotocoreAsync();
        Assert.That(Verifier.Verify(request), Is.EqualTo(SignedRequests.AccessKeyId));
    }

    [Test]
    public void Accepts_a_request_signed_by_AWSSDK_Core()
    {
        var request = SignedRequests.AwsSdk();
        Assert.That(Verifier.Verify(request), Is.EqualTo(SignedRequests.AccessKeyId));
    }

    [Test]
    public async Task Botocore_and_AWSSDK_Core_sign_the_same_request_alike_and_the_verifier_agrees_with_both()
    {
        // botocore does not sign x-amz-content-sha256 for this service; AWSSDK.Core does. Both must still pass.
        var botocore = await SignedRequests.BotocoreAsync();
        var sdk = SignedRequests.AwsSdk();
        Assert.That(botocore.Header("X-Amz-Date")![0], Is.EqualTo(sdk.Header("X-Amz-Date")![0]));
        Assert.DoesNotThrow(() => Verifier.Verify(botocore));
        Assert.DoesNotThrow(() => Verifier.Verify(sdk));
    }

    [Test]
    public async Task Rejects_a_tampered_body()
    {
        var request = await SignedRequests.BotocoreAsync();
        var tampered = request with { Body = Encoding.UTF8.GetBytes(SignedRequests.Body.Replace("hello", "other", StringComparison.Ordinal)) };
        var error = Refused(tampered);
        Assert.That(error.Code, Is.EqualTo(StepFunctionsErrorCodes.InvalidSignatureException));
        Assert.That(error.Message, Does.StartWith("The request signature we calculated does not match the signature you provided."));
    }

    [Test]
    public void Rejects_a_signature_made_with_a_wrong_secret()
    {
        var error = Refused(SignedRequests.AwsSdk(secret: "not-the-secret"));
        Assert.That(error.Code, Is.EqualTo(StepFunctionsErrorCodes.InvalidSignatureException));
    }

    [Test]
    public void Never_puts_the_secret_in_an_error_message()
    {
        var error = Refused(SignedRequests.AwsSdk(secret: "not-the-secret"));
        Assert.That(error.Message, Does.Not.Contain(SignedRequests.Secret).And.Not.Contain("not-the-secret"));
    }

    [Test]
    public void Rejects_an_unknown_access_key_as_AWS_does()
    {
        var verifier = new SigV4Verifier(ServerCredentials.Parse("AKIDOTHER:other"), new FakeTimeProvider(SignedRequests.SignedAt));
        var error = Assert.Throws<StepFunctionsException>(() => verifier.Verify(SignedRequests.AwsSdk()))!;
        Assert.That(error.Code, Is.EqualTo(StepFunctionsErrorCodes.UnrecognizedClientException));
        Assert.That(error.Message, Is.EqualTo("The security token included in the request is invalid."));
    }

    [Test]
    public void Rejects_a_signature_older_than_five_minutes_with_AWS_message()
    {
        var now = SignedRequests.SignedAt.AddMinutes(5).AddSeconds(1);
        var error = Assert.Throws<StepFunctionsException>(() => VerifierAt(now).Verify(SignedRequests.AwsSdk()))!;
        Assert.That(error.Code, Is.EqualTo(StepFunctionsErrorCodes.InvalidSignatureException));
        Assert.That(error.Message, Is.EqualTo("Signature expired: 20260314T150926Z is now earlier than 20260314T150927Z (20260314T151427Z - 5 min.)"));
    }

    [Test]
    public void Accepts_a_signature_within_five_minutes_either_way()
    {
        Assert.DoesNotThrow(() => VerifierAt(SignedRequests.SignedAt.AddMinutes(5)).Verify(SignedRequests.AwsSdk()));
        Assert.DoesNotThrow(() => VerifierAt(SignedRequests.SignedAt.AddMinutes(-5)).Verify(SignedRequests.AwsSdk()));
    }

    [Test]
    public void Rejects_a_signature_dated_in_the_future()
    {
        var error = Assert.Throws<StepFunctionsException>(() => VerifierAt(SignedRequests.SignedAt.AddMinutes(-6)).Verify(SignedRequests.AwsSdk()))!;
        Assert.That(error.Message, Does.StartWith("Signature not yet current: 20260314T150926Z is still later than"));
    }

    [Test]
    public void Rejects_a_request_without_an_Authorization_header()
    {
        var error = Refused(SignedRequests.AwsSdk().WithHeader("Authorization", null));
        Assert.That(error.Code, Is.EqualTo(StepFunctionsErrorCodes.MissingAuthenticationTokenException));
        Assert.That(error.Message, Is.EqualTo("Request is missing Authentication Token"));
    }

    [Test]
    public void Rejects_a_request_that_lost_a_signed_header()
    {
        var error = Refused(SignedRequests.AwsSdk().WithHeader("X-Amz-Target", null));
        Assert.That(error.Code, Is.EqualTo(StepFunctionsErrorCodes.InvalidSignatureException));
    }

    [Test]
    public void Rejects_a_request_whose_signed_header_was_changed()
    {
        var error = Refused(SignedRequests.AwsSdk().WithHeader("X-Amz-Target", "AWSStepFunctions.DeleteStateMachine"));
        Assert.That(error.Code, Is.EqualTo(StepFunctionsErrorCodes.InvalidSignatureException));
    }

    [Test]
    public void Rejects_a_request_without_a_date()
    {
        var error = Refused(SignedRequests.AwsSdk().WithHeader("X-Amz-Date", null));
        Assert.That(error.Code, Is.EqualTo(StepFunctionsErrorCodes.IncompleteSignatureException));
        Assert.That(error.Message, Is.EqualTo("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header."));
    }

    [Test]
    public void Rejects_a_signature_scoped_to_another_service()
    {
        var request = SignedRequests.AwsSdk();
        var authorization = request.Header("Authorization")![0].Replace("/states/", "/ssm/", StringComparison.Ordinal);
        var error = Refused(request.WithHeader("Authorization", authorization));
        Assert.That(error.Code, Is.EqualTo(StepFunctionsErrorCodes.InvalidSignatureException));
        Assert.That(error.Message, Does.StartWith("Credential should be scoped to correct service: 'states'."));
    }

    [Test]
    public void Rejects_an_Authorization_header_without_its_parameters()
    {
        var error = Refused(SignedRequests.AwsSdk().WithHeader("Authorization", "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260314/us-east-1/states/aws4_request"));
        Assert.That(error.Code, Is.EqualTo(StepFunctionsErrorCodes.IncompleteSignatureException));
        Assert.That(error.Message, Is.EqualTo("Authorization header requires 'Signature' parameter. Authorization header requires 'SignedHeaders' parameter."));
    }

    private static StepFunctionsException Refused(SigV4Request request) =>
        Assert.Throws<StepFunctionsException>(() => Verifier.Verify(request))!;
}
