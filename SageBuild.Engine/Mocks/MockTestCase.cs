namespace SageBuild.Engine.Mocks;

/// <summary>One test case: for each mocked Task state, by name, the response it gets.</summary>
public sealed class MockTestCase
{
    private readonly Dictionary<string, MockedResponse> _states;

    internal MockTestCase(string stateMachine, string name, Dictionary<string, MockedResponse> states)
    {
        StateMachine = stateMachine;
        Name = name;
        _states = states;
    }

    /// <summary>The state machine the test case belongs to.</summary>
    public string StateMachine { get; }

    /// <summary>The test case's name.</summary>
    public string Name { get; }

    /// <summary>The names of the mocked states.</summary>
    public IEnumerable<string> States => _states.Keys;

    /// <summary>The response for <paramref name="stateName"/>, when the state is mocked.</summary>
    public bool TryGetResponse(string stateName, out MockedResponse response) => _states.TryGetValue(stateName, out response!);
}
