using SageBuild.Cli.Benchmarking;
using SageBuild.Engine.Api;
using SageBuild.Engine.Stores;
using SageBuild.StateMachines.Json;
using SageBuild.Tests.Conformance;
using SageBuild.Tests.Support;

namespace SageBuild.Tests.Differential;

/// <summary>
/// Runs every differential case on SageBuild (in process), on aws-local-stepfunctions 3.0.0 (one Node process fed JSON
/// lines) and on moto_server 5.2.1 (one server, over HTTP), the three side by side, once per test run.
/// </summary>
internal static class PeerRuns
{
    public const string AwsLocalStepFunctions = "aws-local-stepfunctions";
    public const string Moto = "moto";

    /// <summary>The seed of the generated cases: change it only with the differences file in view.</summary>
    public const int Seed = 20_261_125;

    /// <summary>How many definitions the generator makes.</summary>
    public const int GeneratedCount = 560;

    private static readonly Lazy<IReadOnlyList<PeerCase>> AllCases = new(BuildCases);
    private static readonly Lazy<Task<IReadOnlyDictionary<string, Outcome>>> Results = new(RunAllAsync);

    public static IReadOnlyList<PeerCase> Cases => AllCases.Value;

    public static Task<IReadOnlyDictionary<string, Outcome>> OutcomesAsync() => Results.Value;

    /// <summary>The three engines' outcomes of one case.</summary>
    public sealed record Outcome(JsonObject SageBuild, JsonObject AwsLocalStepFunctions, JsonObject Moto);

    private static List<PeerCase> BuildCases()
    {
        var cases = DefinitionGenerator.Generate(Seed, GeneratedCount)
            .Select(c => new PeerCase(c.Id, c.Family, c.DefinitionText, c.Input, null))
            .ToList();
        cases.AddRange(ConformanceCases.All.Where(RunsOnBothPeers).Select(c => new PeerCase($"corpus-{c.Id}", "corpus", c.Definition, ConformanceRunner.Input(c), c)));
        return cases;
    }

    /// <summary>
    /// The recorded cases both peers can run to the end: JSONPath, STANDARD, ended SUCCEEDED or FAILED, and without
    /// Wait or Task states, timeouts or S3 readers (moto would really wait; the definitions are pure otherwise).
    /// </summary>
    private static bool RunsOnBothPeers(ConformanceCase c)
    {
        var status = c.Expected.TryGetValue("status", out var s) && s is JsonString text ? text.Value : null;
        return c.QueryLanguage == "JSONPath" && c.StateMachineType == "STANDARD" && status is "SUCCEEDED" or "FAILED"
            && !c.Definition.Contains("\"Wait\"", StringComparison.Ordinal) && !c.Definition.Contains("\"Task\"", StringComparison.Ordinal)
            && !c.Definition.Contains("TimeoutSeconds", StringComparison.Ordinal) && !c.Definition.Contains("ItemReader", StringComparison.Ordinal)
            && !c.Definition.Contains("ResultWriter", StringComparison.Ordinal);
    }

    private static async Task<IReadOnlyDictionary<string, Outcome>> RunAllAsync()
    {
        var cases = AllCases.Value;
        var sagebuild = Task.Run(() => RunOnSageBuildAsync(cases));
        var local = Task.Run(() => RunOnAwsLocalStepFunctionsAsync(cases));
        var moto = Task.Run(() => RunOnMotoAsync(cases));
        await Task.WhenAll(sagebuild, local, moto);
        var results = new Dictionary<string, Outcome>(StringComparer.Ordinal);
        for (var i = 0; i < cases.Count; i++)
            results[cases[i].Id] = new Outcome(sagebuild.Result[i], local.Result[i], moto.Result[i]);
        return results;
    }

    private static async Task<JsonObject[]> RunOnSageBuildAsync(IReadOnlyList<PeerCase> cases)
    {
        await using var engine = new EngineBuilder { Options = new EngineOptions { AccountId = "111111111111", DefaultClock = ExecutionClock.Virtual } }.Build();
        var outcomes = new JsonObject[cases.Count];
        for (var i = 0; i < cases.Count; i++)
        {
            try
            {
                var machine = engine.CreateStateMachine($"Case{i}", AslJson.Parse(cases[i].Definition));
                var record = await engine.ExecuteAsync(machine.StateMachineArn, cases[i].Input, new StartExecutionOptions { Name = cases[i].Recorded?.ExecutionName });
                outcomes[i] = Shape(record);
            }
            catch (StepFunctionsException e)
            {
                outcomes[i] = JsonObject.Create(("status", "REFUSED"), ("cause", e.Message));
            }
        }

        return outcomes;
    }

    private static async Task<JsonObject[]> RunOnAwsLocalStepFunctionsAsync(IReadOnlyList<PeerCase> cases)
    {
        var folder = RepositoryPaths.NpmTool("aws-local-stepfunctions");
        await using var peer = AwsLocalStepFunctionsPeer.Start(folder);
        var outcomes = new JsonObject[cases.Count];
        for (var i = 0; i < cases.Count; i++)
            outcomes[i] = await peer.RunAsync(cases[i].Definition, cases[i].Input);
        return outcomes;
    }

    private static async Task<JsonObject[]> RunOnMotoAsync(IReadOnlyList<PeerCase> cases)
    {
        await using var moto = await MotoServer.StartAsync();
        var outcomes = new JsonObject[cases.Count];
        for (var i = 0; i < cases.Count; i++)
            outcomes[i] = await moto.RunAsync(cases[i].Definition, cases[i].Input);
        return outcomes;
    }

    private static JsonObject Shape(ExecutionRecord record) => JsonObject.Create(
        ("status", record.Status.ToString()),
        ("output", record.Output ?? (JsonValue)JsonNull.Instance),
        ("error", record.Error is null ? JsonNull.Instance : record.Error),
        ("cause", record.Cause is null ? JsonNull.Instance : record.Cause));
}
