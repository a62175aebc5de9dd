using BenchmarkDotNet.Attributes;
using Jint;
using Jint.Native;
using SageBuild.Engine.Jsonata;
using SageBuild.StateMachines.Json;

namespace SageBuild.Benchmarks.Jsonata;

/// <summary>
/// One JSONata evaluation, as a state evaluates a field: the native evaluator against its peer, the official jsonata
/// 2.x (npm, installed by <c>npm ci</c> in tools/jsonata) running inside Jint. Both compile the expression once.
/// The node figures come from <see cref="JsonataNodePeer"/>, measured in the same run.
/// </summary>
[MemoryDiagnoser]
public class JsonataBenchmarks : IDisposable
{
    private JsonataExpression _native = null!;
    private JsonataBindings _bindings = null!;
    private Jint.Engine _jint = null!;
    private JsValue _jintExpression = null!;
    private JsValue _jintBindings = null!;
    private JsValue _run = null!;

    [Params("path", "arithmetic", "map-filter-100", "string")]
    public string Workload { get; set; } = "path";

    [GlobalSetup]
    public void Setup()
    {
        var expression = JsonataWorkloads.Expressions[Workload];
        _native = JsonataExpression.Compile(expression);
        _bindings = new JsonataBindings { Input = JsonValue.Parse(JsonataWorkloads.InputJson) };

        _jint = new Jint.Engine();
        _jint.Execute("var module = { exports: {} }; var exports = module.exports;");
        _jint.Execute(File.ReadAllText(JsonataNodePeer.ScriptPath));
        _jint.Execute("var jsonata = module.exports;");
        _jintExpression = _jint.Evaluate($"jsonata({System.Text.Json.JsonSerializer.Serialize(expression)})");
        _jintBindings = _jint.Evaluate($"({{ states: {{ input: {JsonataWorkloads.InputJson} }} }})");
        // jsonata 2.x evaluates asynchronously: settle the promise by running Jint's job queue, then read the result.
        _jint.Execute("""
            var lastResult;
            function runJsonata(expression, bindings) {
              expression.evaluate(undefined, bindings).then(function (v) { lastResult = JSON.stringify(v); }, function (e) { lastResult = 'error ' + e.code; });
            }
            """);
        _run = _jint.GetValue("runJsonata");
        var check = Official();
        var native = Native()!.ToJson();
        if (check != native)
            throw new InvalidOperationException($"{Workload}: the official implementation gives {check}, the native one {native}");
    }

    [Benchmark(Baseline = true, Description = "official jsonata in Jint")]
    public string Official()
    {
        // Serialised, as the native side returns a JSON value: both end with data the engine can store.
        _run.Call(_jintExpression, _jintBindings);
        _jint.Advanced.ProcessTasks();
        return _jint.GetValue("lastResult").AsString();
    }

    [Benchmark(Description = "native")]
    public JsonValue? Native() => _native.Evaluate(null, _bindings);

    [GlobalCleanup]
    public void Dispose()
    {
        _jint?.Dispose();
        GC.SuppressFinalize(this);
    }
}
