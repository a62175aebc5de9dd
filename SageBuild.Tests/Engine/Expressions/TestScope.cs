using SageBuild.Engine.Expressions;
using SageBuild.StateMachines.Json;

namespace SageBuild.Tests.Engine.Expressions;

/// <summary>An evaluation scope built from JSON text, for expression tests.</summary>
internal sealed class TestScope : IEvaluationScope
{
    private readonly Dictionary<string, JsonValue> _variables = new(StringComparer.Ordinal);

    public TestScope(string input = "{}", string context = "{}", int seed = 42)
    {
        Input = JsonValue.Parse(input);
        Context = JsonValue.Parse(context);
        Random = new Random(seed);
    }

    public JsonValue Input { get; }

    public JsonValue Context { get; }

    public Random Random { get; }

    public TestScope With(string name, string json)
    {
        _variables[name] = JsonValue.Parse(json);
        return this;
    }

    public bool TryGetVariable(string name, out JsonValue value) => _variables.TryGetValue(name, out value!);
}
