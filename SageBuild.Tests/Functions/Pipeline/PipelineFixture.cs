using SageBuild.Engine.Api;
using SageBuild.Engine.History;
using SageBuild.Engine.Mocks;
using SageBuild.Engine.Stores;
using SageBuild.Functions.Configuration;
using SageBuild.Functions.Handlers;
using SageBuild.Functions.Pipeline;
using SageBuild.Local.Ledger;
using SageBuild.Local.Notifications;
using SageBuild.Local.Parameters;
using SageBuild.StateMachines.Json;
using SageBuild.Tests.Support;

namespace SageBuild.Tests.Functions.Pipeline;

/// <summary>
/// Runs the pipeline on the embedded engine with its real integration registry: the local parameter store (SSM), the
/// local ledger (DynamoDB) and the local notifications (SNS, to an outbox file), our Lambda handlers in-process, and
/// Step Functions Local's mock configuration (MockConfigFile.json) for the AWS services only (SageMaker, CodeBuild,
/// child state machines).
/// </summary>
internal sealed class PipelineFixture : IDisposable
{
    public const string MachineName = "sagebuild-dev-pipeline";
    private readonly TemporaryDirectory _folder = new();

    public PipelineFixture()
    {
        Ledger = new LedgerStore(new LedgerStoreOptions
        {
            DatabasePath = Path.Combine(_folder.Path, "ledger.db"),
            Tables = [new LedgerTableOptions { TableName = Options.LedgerTableName, PartitionKey = "pk" }],
        });
        Parameters = new ParameterStore(new ParameterStoreOptions { DatabasePath = Path.Combine(_folder.Path, "parameters.db"), AccountId = "123456789012" });
        OutboxPath = Path.Combine(_folder.Path, "outbox.jsonl");
    }

    public static PipelineOptions Options { get; } = new()
    {
        Stack = "dev",
        Branch = "dev",
        Region = "us-east-1",
        StateMachineName = MachineName,
        ConfigParameterName = "/sagebuild/dev/config",
        LedgerTableName = "sagebuild-dev-ledger",
        StatusTopicArn = "arn:aws:sns:us-east-1:123456789012:sagebuild-dev-status",
        DataBucket = "sagebuild-data",
        DataPrefix = "data/",
        ArtifactsBucket = "sagebuild-dev-artifacts",
        CodeBucket = "sagebuild-dev-code",
        CheckpointsBucket = "sagebuild-dev-checkpoints",
        TrainingRepositoryUri = "123456789012.dkr.ecr.us-east-1.amazonaws.com/sagebuild-dev-training",
        InferenceRepositoryUri = "123456789012.dkr.ecr.us-east-1.amazonaws.com/sagebuild-dev-inference",
        ImageBuildProjectName = "sagebuild-dev-images",
        TrainingRoleArn = "arn:aws:iam::123456789012:role/sagebuild-dev-training",
        HostingRoleArn = "arn:aws:iam::123456789012:role/sagebuild-dev-hosting",
        EndpointName = "sagebuild-dev-endpoint",
        FunctionNamePrefix = "sagebuild-dev-",
    };

    public LedgerStore Ledger { get; }

    public ParameterStore Parameters { get; }

    public string OutboxPath { get; }

    public static MockConfiguration Mocks { get; } = MockConfiguration.Parse(File.ReadAllText(Path.Combine(TestContext.CurrentContext.TestDirectory, "Functions", "Pipeline", "MockConfigFile.json")));

    /// <summary>Stores <paramref name="configuration"/> as the configuration parameter.</summary>
    public void Configure(string configuration) => Parameters.Put(Options.ConfigParameterName, configuration, ParameterType.String, overwrite: true);

    /// <summary>Runs one build of the pipeline with the mocked responses of <paramref name="testCase"/>.</summary>
    public async Task<(ExecutionRecord Result, IReadOnlyList<HistoryEvent> History)> RunAsync(string testCase, PipelineConfiguration? shape = null, string input = "{}")
    {
        var definition = PipelineDefinition.Create(Options, shape).Build();
        var builder = new EngineBuilder { Options = new EngineOptions { DefaultClock = ExecutionClock.Virtual, AccountId = "123456789012" } }
            .AddIntegration(new SsmParameterIntegration(Parameters))
            .AddIntegration(new DynamoDbIntegration(Ledger))
            .AddIntegration(new SnsPublishIntegration(new NotificationPublisher(new NotificationOptions { WriteToConsole = false, OutboxPath = OutboxPath })))
            .UseMockConfiguration(Mocks);
        foreach (var handler in FunctionCatalog.Steps())
            builder.AddLambdaFunction(Options.FunctionName(handler.Name), (payload, _) => ValueTask.FromResult(handler.Handle(payload)));
        await using var engine = builder.Build();
        var result = await engine.ExecuteAsync(definition, JsonValue.Parse(input), new StartExecutionOptions { MockTestCase = testCase, Name = "build-" + testCase }, MachineName)
            .WaitAsync(TimeSpan.FromSeconds(60));
        return (result, await engine.GetExecutionHistoryAsync(result.ExecutionArn));
    }

    /// <summary>The notifications sent, in order: subject and the structured message.</summary>
    public IReadOnlyList<(string Subject, JsonObject Message)> Notifications() => !File.Exists(OutboxPath) ? [] :
        [.. File.ReadAllLines(OutboxPath).Select(line => (JsonObject)JsonValue.Parse(line))
            .Select(n => (((JsonString)n["subject"]).Value, (JsonObject)JsonValue.Parse(((JsonString)n["message"]).Value)))];

    /// <summary>A ledger item in DynamoDB JSON, or null.</summary>
    public JsonObject? Item(string pk)
    {
        var response = Ledger.GetItem(JsonObject.Create(("TableName", Options.LedgerTableName), ("Key", JsonObject.Create(("pk", JsonObject.Create(("S", pk)))))));
        return response.TryGetValue("Item", out var item) ? (JsonObject)item : null;
    }

    /// <summary>A string or number attribute of a ledger item.</summary>
    public string? Attribute(string pk, string name)
    {
        var item = Item(pk);
        if (item is null || !item.TryGetValue(name, out var value) || value is not JsonObject typed)
            return null;
        return typed.TryGetValue("S", out var s) ? ((JsonString)s).Value : typed.TryGetValue("N", out var n) ? ((JsonString)n).Value : null;
    }

    public void Dispose() => _folder.Dispose();
}
