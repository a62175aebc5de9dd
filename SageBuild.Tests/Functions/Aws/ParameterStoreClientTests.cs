using SageBuild.Functions.Aws;
using SageBuild.Functions.Webhooks;
using SageBuild.StateMachines.Json;
using static SageBuild.Tests.Functions.Webhooks.GitHubDeliveries;

namespace SageBuild.Tests.Functions.Aws;

/// <summary>
/// The webhook's secret read from a SecureString parameter through the deployed functions' SSM client (awsJson1_1,
/// SigV4 for ssm), against moto_server's independent SSM.
/// </summary>
[NonParallelizable]
public sealed class ParameterStoreClientTests
{
    private const string SecretParameter = "/sagebuild/dev/github-webhook-secret";

    [Test]
    public async Task The_webhook_function_built_from_its_Lambda_environment_reads_the_SecureString_and_starts_the_build()
    {
        using var moto = await MotoServer.StartAsync();
        await using var sandbox = await LambdaSandbox.StartAsync();
        var environment = new Dictionary<string, string>(sandbox.Environment)
        {
            ["AWS_ENDPOINT_URL_SSM"] = moto.Endpoint.ToString(),
            [LambdaVariables.GitHubSecretParameter] = SecretParameter,
        };
        var connection = AwsConnection.FromEnvironment(environment.GetValueOrDefault);
        using (var ssm = new AwsJsonClient(connection, "ssm", "1.1", "AmazonSSM", moto.Endpoint))
            await ssm.SendAsync("PutParameter", JsonObject.Create(("Name", SecretParameter), ("Value", Secret), ("Type", "SecureString")), CancellationToken.None);

        using var client = new ParameterStoreClient(connection);
        Assert.That(await client.GetParameterAsync(SecretParameter), Is.EqualTo(Secret));
        Assert.That(await client.GetParameterAsync(SecretParameter, withDecryption: false), Is.Not.EqualTo(Secret), "a SecureString reads as ciphertext without decryption");

        // The Lambda runtime's path: every setting from the environment SageBuild.Infra and Lambda provide.
        var function = new GitHubWebhookFunction(environment.GetValueOrDefault);
        var answer = await function.HandleAsync(Event(Push("refs/heads/dev")));
        Assert.That(answer["statusCode"], Is.EqualTo((JsonValue)202));
        Assert.That((await sandbox.ExecutionsAsync()).Single().Name, Is.EqualTo("github-" + Delivery));
    }

    [Test]
    public async Task A_missing_parameter_is_SSM_own_error_and_the_webhook_answers_500_without_starting_anything()
    {
        using var moto = await MotoServer.StartAsync();
        await using var sandbox = await LambdaSandbox.StartAsync();
        var environment = new Dictionary<string, string>(sandbox.Environment)
        {
            ["AWS_ENDPOINT_URL_SSM"] = moto.Endpoint.ToString(),
            [LambdaVariables.GitHubSecretParameter] = "/sagebuild/dev/not-there",
        };
        using var client = new ParameterStoreClient(AwsConnection.FromEnvironment(environment.GetValueOrDefault));

        var error = Assert.ThrowsAsync<AwsServiceException>(() => client.GetParameterAsync("/sagebuild/dev/not-there"))!;
        Assert.That(error.Code, Is.EqualTo("ParameterNotFound"));
        var answer = await new GitHubWebhookFunction(environment.GetValueOrDefault).HandleAsync(Event(Push("refs/heads/dev")));
        Assert.That(answer["statusCode"], Is.EqualTo((JsonValue)500));
        Assert.That(await sandbox.ExecutionsAsync(), Is.Empty);
    }
}
