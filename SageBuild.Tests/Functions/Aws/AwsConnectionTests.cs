using Amazon.Runtime;
using SageBuild.Functions.Aws;

namespace SageBuild.Tests.Functions.Aws;

/// <summary>The region, credentials and endpoints a deployed function takes from its environment.</summary>
public sealed class AwsConnectionTests
{
    private static AwsConnection From(params (string Name, string Value)[] variables)
    {
        var environment = variables.ToDictionary(v => v.Name, v => v.Value);
        return AwsConnection.FromEnvironment(name => environment.GetValueOrDefault(name));
    }

    [Test]
    public void The_Lambda_role_temporary_credentials_sign_every_call()
    {
        var connection = From(("AWS_REGION", "eu-west-1"), ("AWS_ACCESS_KEY_ID", "ASIAEXAMPLE"), ("AWS_SECRET_ACCESS_KEY", "secret"), ("AWS_SESSION_TOKEN", "token"));
        var credentials = connection.Credentials.GetCredentials();

        Assert.That(connection.Region, Is.EqualTo("eu-west-1"));
        Assert.That((credentials.AccessKey, credentials.SecretKey, credentials.Token), Is.EqualTo(("ASIAEXAMPLE", "secret", "token")));
        Assert.That(connection.StepFunctionsEndpoint, Is.Null, "AWS's regional endpoint unless an override is set");
    }

    [Test]
    public void The_SDKs_endpoint_overrides_are_honoured_per_service_before_the_shared_one()
    {
        var connection = From(("AWS_DEFAULT_REGION", "us-east-1"), ("AWS_ACCESS_KEY_ID", "AKID"), ("AWS_SECRET_ACCESS_KEY", "secret"),
            ("AWS_ENDPOINT_URL", "http://127.0.0.1:4566"), ("AWS_ENDPOINT_URL_SFN", "http://127.0.0.1:8083"));

        Assert.That(connection.Region, Is.EqualTo("us-east-1"), "AWS_DEFAULT_REGION when AWS_REGION is not set");
        Assert.That(connection.Credentials, Is.TypeOf<BasicAWSCredentials>(), "no session token: long-term keys");
        Assert.That(connection.StepFunctionsEndpoint, Is.EqualTo(new Uri("http://127.0.0.1:8083")));
        Assert.That(connection.ParameterStoreEndpoint, Is.EqualTo(new Uri("http://127.0.0.1:4566")));
    }

    [Test]
    public void What_is_missing_or_wrong_is_named_by_its_variable()
    {
        Assert.That(() => From(("AWS_ACCESS_KEY_ID", "AKID"), ("AWS_SECRET_ACCESS_KEY", "secret")),
            Throws.InvalidOperationException.With.Message.StartsWith("AWS_REGION is not set"));
        Assert.That(() => From(("AWS_REGION", "us-east-1"), ("AWS_ACCESS_KEY_ID", "AKID")),
            Throws.InvalidOperationException.With.Message.StartsWith("AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not"));
        Assert.That(() => From(("AWS_REGION", "us-east-1"), ("AWS_ACCESS_KEY_ID", "AKID"), ("AWS_SECRET_ACCESS_KEY", "secret"), ("AWS_ENDPOINT_URL_SFN", "localhost:8083")),
            Throws.InvalidOperationException.With.Message.EqualTo("AWS_ENDPOINT_URL_SFN is 'localhost:8083', which is not an http(s) URL"));
    }

    [Test]
    public void Without_a_state_machine_there_is_no_deployed_pipeline_to_connect_to()
    {
        Assert.That(DeployedPipeline.FromEnvironment(_ => null), Is.Null);
        Assert.That(() => LambdaVariables.Required(_ => null, LambdaVariables.Branch, "the webhook builds the stack's branch"),
            Throws.InvalidOperationException.With.Message.EqualTo("SAGEBUILD_BRANCH is not set: the webhook builds the stack's branch (SageBuild.Infra sets it on every deployed function)"));
    }

    [TestCase("github", "72d3162e-cc78-11e3-81ab-4c9367dc0958", "github-72d3162e-cc78-11e3-81ab-4c9367dc0958")]
    [TestCase("codecommit", "a1b2:c3 d4/e5", "codecommit-a1b2-c3-d4-e5")]
    public void Execution_names_come_from_the_trigger_id_in_the_characters_Step_Functions_allows(string kind, string id, string expected) =>
        Assert.That(ExecutionNames.For(kind, id), Is.EqualTo(expected));

    [Test]
    public void An_execution_name_is_at_most_80_characters()
    {
        Assert.That(ExecutionNames.For("sns", new string('a', 200)), Has.Length.EqualTo(80));
        Assert.That(ExecutionNames.ExecutionArn("arn:aws:states:eu-west-1:111122223333:stateMachine:sagebuild-dev", "sns-1"),
            Is.EqualTo("arn:aws:states:eu-west-1:111122223333:execution:sagebuild-dev:sns-1"));
    }
}
