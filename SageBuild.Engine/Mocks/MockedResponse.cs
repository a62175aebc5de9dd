using SageBuild.StateMachines.Json;

namespace SageBuild.Engine.Mocks;

/// <summary>
/// One named entry of MockedResponses: what a Task returns or throws on each invocation, keyed by invocation number
/// ("0") or range ("1-2"), counting from 0 within one execution. Invocations past the last key repeat the last response.
/// </summary>
public sealed class MockedResponse
{
    private readonly (int From, int To, MockedOutcome Outcome)[] _steps;

    internal MockedResponse(string name, (int From, int To, MockedOutcome Outcome)[] steps)
    {
        Name = name;
        _steps = steps;
    }

    /// <summary>The response's name in MockedResponses.</summary>
    public string Name { get; }

    /// <summary>The outcome of invocation <paramref name="invocation"/> (0-based).</summary>
    public MockedOutcome For(int invocation)
    {
        foreach (var (from, to, outcome) in _steps)
        {
            if (invocation >= from && invocation <= to)
                return outcome;
        }

        return _steps[^1].Outcome;
    }
}

/// <summary>A mocked Task outcome: a <c>Return</c> value, or a <c>Throw</c> of Error and Cause.</summary>
/// <param name="Return">The task's result, when it returns.</param>
/// <param name="Error">The error name, when it throws.</param>
/// <param name="Cause">The cause, when it throws.</param>
public sealed record MockedOutcome(JsonValue? Return, string? Error, string? Cause);
