using System.Globalization;
using System.Text.Json;
using SageBuild.StateMachines.Json;

namespace SageBuild.Engine.Mocks;

/// <summary>
/// AWS Step Functions Local's mock configuration file (MockConfigFile.json), read unchanged:
/// <c>StateMachines → name → TestCases → test case → state name → response name</c>, and
/// <c>MockedResponses → response name → "0" | "1-2" → {"Return": value} | {"Throw": {"Error", "Cause"}}</c>.
/// </summary>
public sealed class MockConfiguration
{
    private readonly Dictionary<string, Dictionary<string, MockTestCase>> _machines;

    private MockConfiguration(Dictionary<string, Dictionary<string, MockTestCase>> machines) => _machines = machines;

    /// <summary>Reads a mock configuration; throws <see cref="FormatException"/> listing every problem with its JSON pointer.</summary>
    public static MockConfiguration Parse(string json)
    {
        JsonValue document;
        try
        {
            document = JsonValue.Parse(json);
        }
        catch (JsonException e)
        {
            throw new FormatException($"the mock configuration is not JSON: {e.Message}", e);
        }

        var errors = new List<string>();
        var root = document as JsonObject;
        if (root is null)
            throw new FormatException("/: the mock configuration is a JSON object with StateMachines and MockedResponses");
        var responses = ReadResponses(root, errors);
        var machines = new Dictionary<string, Dictionary<string, MockTestCase>>(StringComparer.Ordinal);
        if (!root.TryGetValue("StateMachines", out var sm) || sm is not JsonObject stateMachines)
        {
            errors.Add("/StateMachines: required, an object of state machine names");
        }
        else
        {
            foreach (var (machine, value) in stateMachines)
            {
                var pointer = $"/StateMachines/{machine}/TestCases";
                if (value is not JsonObject m || !m.TryGetValue("TestCases", out var tc) || tc is not JsonObject testCases)
                {
                    errors.Add($"{pointer}: required, an object of test cases");
                    continue;
                }

                var cases = new Dictionary<string, MockTestCase>(StringComparer.Ordinal);
                foreach (var (caseName, caseValue) in testCases)
                {
                    if (caseValue is not JsonObject states)
                    {
                        errors.Add($"{pointer}/{caseName}: an object of state name to mocked response name");
                        continue;
                    }

                    var map = new Dictionary<string, MockedResponse>(StringComparer.Ordinal);
                    foreach (var (state, responseName) in states)
                    {
                        if (responseName is not JsonString rn)
                            errors.Add($"{pointer}/{caseName}/{state}: the name of a mocked response");
                        else if (!responses.TryGetValue(rn.Value, out var response))
                            errors.Add($"{pointer}/{caseName}/{state}: no mocked response named '{rn.Value}' in MockedResponses");
                        else
                            map[state] = response;
                    }

                    cases[caseName] = new MockTestCase(machine, caseName, map);
                }

                machines[machine] = cases;
            }
        }

        if (errors.Count > 0)
            throw new FormatException("the mock configuration is invalid:" + Environment.NewLine + string.Join(Environment.NewLine, errors));
        return new MockConfiguration(machines);
    }

    /// <summary>
    /// The test case <paramref name="testCase"/> of <paramref name="stateMachine"/>; with no state machine name, the one
    /// test case of that name in the file. Throws <see cref="KeyNotFoundException"/> saying what exists.
    /// </summary>
    public MockTestCase TestCase(string? stateMachine, string testCase)
    {
        if (stateMachine is not null && _machines.TryGetValue(stateMachine, out var cases))
        {
            return cases.TryGetValue(testCase, out var found)
                ? found
                : throw new KeyNotFoundException($"the state machine '{stateMachine}' has no test case '{testCase}' (it has: {string.Join(", ", cases.Keys)})");
        }

        var matches = _machines.Values.SelectMany(c => c.Values).Where(c => c.Name == testCase).ToList();
        return matches.Count switch
        {
            1 => matches[0],
            0 => throw new KeyNotFoundException($"no test case '{testCase}' in the mock configuration (state machines: {string.Join(", ", _machines.Keys)})"),
            _ => throw new KeyNotFoundException($"the test case '{testCase}' exists for several state machines ({string.Join(", ", matches.Select(m => m.StateMachine))}): name the state machine"),
        };
    }

    private static Dictionary<string, MockedResponse> ReadResponses(JsonObject root, List<string> errors)
    {
        var responses = new Dictionary<string, MockedResponse>(StringComparer.Ordinal);
        if (!root.TryGetValue("MockedResponses", out var mr) || mr is not JsonObject mocked)
        {
            errors.Add("/MockedResponses: required, an object of response names");
            return responses;
        }

        foreach (var (name, value) in mocked)
        {
            var pointer = $"/MockedResponses/{name}";
            if (value is not JsonObject invocations || invocations.Count == 0)
            {
                errors.Add($"{pointer}: an object keyed by invocation numbers such as \"0\" or \"1-2\"");
                continue;
            }

            var steps = new List<(int, int, MockedOutcome)>();
            foreach (var (key, outcome) in invocations)
            {
                if (!TryParseRange(key, out var from, out var to))
                {
                    errors.Add($"{pointer}/{key}: an invocation number (\"0\") or range (\"1-2\")");
                    continue;
                }

                if (outcome is JsonObject o && o.TryGetValue("Return", out var returned))
                    steps.Add((from, to, new MockedOutcome(returned, null, null)));
                else if (outcome is JsonObject t && t.TryGetValue("Throw", out var thrown) && thrown is JsonObject error)
                    steps.Add((from, to, new MockedOutcome(null, Text(error, "Error") ?? "States.TaskFailed", Text(error, "Cause"))));
                else
                    errors.Add($"{pointer}/{key}: either {{\"Return\": value}} or {{\"Throw\": {{\"Error\": ..., \"Cause\": ...}}}}");
            }

            if (steps.Count > 0)
                responses[name] = new MockedResponse(name, [.. steps.OrderBy(s => s.Item1)]);
        }

        return responses;
    }

    private static string? Text(JsonObject o, string key) => o.TryGetValue(key, out var v) && v is JsonString s ? s.Value : null;

    private static bool TryParseRange(string key, out int from, out int to)
    {
        var dash = key.IndexOf('-', StringComparison.Ordinal);
        if (dash < 0)
        {
            var ok = int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out from);
            to = from;
            return ok;
        }

        to = 0;
        return int.TryParse(key.AsSpan(0, dash), NumberStyles.None, CultureInfo.InvariantCulture, out from)
            && int.TryParse(key.AsSpan(dash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out to)
            && to >= from;
    }
}
