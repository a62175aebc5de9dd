using Microsoft.Data.Sqlite;
using SageBuild.Engine.Integrations;
using SageBuild.Local.Parameters;
using SageBuild.StateMachines.Json;
using SageBuild.StateMachines.Tasks;

namespace SageBuild.Tests.Local.Parameters;

/// <summary>The aws-sdk:ssm tasks, called with the exact JSON Step Functions sends.</summary>
public sealed class SsmParameterIntegrationTests
{
    private string _folder = "";
    private ParameterStore _store = null!;
    private SsmParameterIntegration _integration = null!;

    [SetUp]
    public void Open()
    {
        _folder = Directory.CreateTempSubdirectory("sagebuild-ssm-").FullName;
        _store = new ParameterStore(ParameterStoreOptions.InDirectory(_folder));
        _integration = new SsmParameterIntegration(_store);
    }

    [TearDown]
    public void Delete()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Test]
    public async Task GetParameter_returns_the_configuration_in_SSMs_shape()
    {
        _store.Put("/sagebuild/dev/config", """{"trainingInstanceType": "ml.m5.large"}""", ParameterType.String);

        var outcome = await InvokeAsync("getParameter", """{"Name": "/sagebuild/dev/config", "WithDecryption": true}""");

        var parameter = (JsonObject)((JsonObject)outcome.Result!)["Parameter"];
        Assert.That(parameter["Name"], Is.EqualTo((JsonValue)"/sagebuild/dev/config"));
        Assert.That(parameter["Value"], Is.EqualTo((JsonValue)"""{"trainingInstanceType": "ml.m5.large"}"""));
        Assert.That(parameter["Type"], Is.EqualTo((JsonValue)"String"));
        Assert.That(parameter["Version"], Is.EqualTo((JsonValue)1));
        Assert.That(parameter["ARN"], Is.EqualTo((JsonValue)"arn:aws:ssm:us-east-1:000000000000:parameter/sagebuild/dev/config"));
        Assert.That(parameter["DataType"], Is.EqualTo((JsonValue)"text"));
        Assert.That(((JsonString)parameter["LastModifiedDate"]).Value, Does.Match(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$"));
        Assert.That(parameter.ContainsKey("Selector"), Is.False);
    }

    [Test]
    public async Task GetParameter_with_a_version_selector_reports_the_selector()
    {
        _store.Put("/p", "one", ParameterType.String);
        _store.Put("/p", "two", overwrite: true);

        var parameter = (JsonObject)((JsonObject)(await InvokeAsync("getParameter", """{"Name": "/p:1"}""")).Result!)["Parameter"];

        Assert.That(parameter["Value"], Is.EqualTo((JsonValue)"one"));
        Assert.That(parameter["Name"], Is.EqualTo((JsonValue)"/p"));
        Assert.That(parameter["Selector"], Is.EqualTo((JsonValue)":1"));
    }

    [Test]
    public async Task A_SecureString_read_without_decryption_never_returns_the_secret()
    {
        _store.Put("/sagebuild/dev/token", "s3cr3t", ParameterType.SecureString);

        var hidden = await InvokeAsync("getParameter", """{"Name": "/sagebuild/dev/token"}""");
        var shown = await InvokeAsync("getParameter", """{"Name": "/sagebuild/dev/token", "WithDecryption": true}""");

        Assert.That(hidden.Result!.ToJson(), Does.Not.Contain("s3cr3t"));
        Assert.That(((JsonObject)((JsonObject)shown.Result!)["Parameter"])["Value"], Is.EqualTo((JsonValue)"s3cr3t"));
    }

    [Test]
    public async Task PutParameter_writes_a_new_version_and_returns_it()
    {
        var created = await InvokeAsync("putParameter", """{"Name": "/sagebuild/dev/lastBuild", "Value": "7", "Type": "String"}""");
        var updated = await InvokeAsync("putParameter", """{"Name": "/sagebuild/dev/lastBuild", "Value": "8", "Overwrite": true}""");

        Assert.That(created.Result, Is.EqualTo(JsonValue.Parse("""{"Tier": "Standard", "Version": 1}""")));
        Assert.That(updated.Result, Is.EqualTo(JsonValue.Parse("""{"Tier": "Standard", "Version": 2}""")));
        Assert.That(_store.Get("/sagebuild/dev/lastBuild").Value, Is.EqualTo("8"));
    }

    [TestCase("getParameter", """{"Name": "/sagebuild/dev/missing"}""", "Ssm.ParameterNotFoundException", "Parameter /sagebuild/dev/missing not found.")]
    [TestCase("getParameter", """{"Name": "/sagebuild/dev/config:5"}""", "Ssm.ParameterVersionNotFoundException", "could not find version 5")]
    [TestCase("putParameter", """{"Name": "/sagebuild/dev/config", "Value": "x", "Type": "String"}""", "Ssm.ParameterAlreadyExistsException", "The parameter /sagebuild/dev/config already exists.")]
    [TestCase("putParameter", """{"Name": "/sagebuild/dev/new", "Value": "x"}""", "Ssm.SsmException", "A parameter type is required when you create a parameter")]
    [TestCase("putParameter", """{"Name": "/sagebuild/dev/new", "Value": "x", "Type": "Text"}""", "Ssm.SsmException", "Value 'Text' at 'type' failed to satisfy constraint")]
    [TestCase("getParameter", """{"WithDecryption": true}""", "Ssm.SsmException", "Value null at 'name' failed to satisfy constraint")]
    public async Task A_failed_call_is_named_as_the_aws_sdk_integration_names_it(string action, string parameters, string error, string cause)
    {
        _store.Put("/sagebuild/dev/config", "{}", ParameterType.String);

        var outcome = await InvokeAsync(action, parameters);

        Assert.That(outcome.Error, Is.EqualTo(error));
        Assert.That(outcome.Cause, Does.Contain(cause).And.Contain("(Service: Ssm, Status Code: 400, Request ID: "));
    }

    private async Task<IntegrationOutcome> InvokeAsync(string action, string parameters) =>
        await _integration.InvokeAsync(new IntegrationRequest(
            $"arn:aws:states:::aws-sdk:ssm:{action}",
            new ResourceTarget("aws-sdk:ssm", action, IntegrationPattern.RequestResponse),
            JsonValue.Parse(parameters),
            new TaskCallContext("arn:aws:states:us-east-1:000000000000:execution:pipeline:run-1", "ReadConfig", 0, null, null)), CancellationToken.None);
}
