using SageBuild.Engine.Jsonata;
using SageBuild.StateMachines.Conditions;
using SageBuild.StateMachines.Json;
using SageBuild.StateMachines.Jsonata;
using SageBuild.StateMachines.Model;
using SageBuild.StateMachines.Validation;
using SageBuild.Tests.Conformance;

namespace SageBuild.Tests.Engine.Jsonata;

/// <summary>
/// The JSONata and mixed cases recorded against AWS, replayed state by state: each JSONata field a state evaluated
/// is evaluated here with the <c>$states</c> and variables AWS had, and must give what AWS recorded, or fail with
/// AWS's cause and location. This checks the language and the <c>$states</c> shapes before the engine runs them.
/// </summary>
public sealed class JsonataConformanceTests
{
    private const string CausePrefixEnd = "). ";

    private static IEnumerable<ConformanceCase> Cases() =>
        ConformanceCases.All.Where(c => c.QueryLanguage is "JSONata" or "mixed" && c.ExpectedHistory is not null);

    [TestCaseSource(nameof(Cases))]
    public void Every_JSONata_field_evaluates_to_what_AWS_recorded(ConformanceCase c)
    {
        var definition = AslJson.Parse(c.Definition);
        var states = DefinitionWalker.States(definition).ToDictionary(l => l.Name);
        var events = c.ExpectedHistory!.Cast<JsonObject>().ToList();
        var variables = new Dictionary<string, JsonValue>(StringComparer.Ordinal);
        var checkedFields = 0;

        for (var i = 0; i < events.Count; i++)
        {
            if (!events[i].TryGetValue("stateEnteredEventDetails", out var entered))
                continue;
            var name = ((JsonString)((JsonObject)entered)["name"]).Value;
            var location = states[name];
            var input = Detail(((JsonObject)entered)["input"]);
            var outcome = Outcome(events, i, name);
            if (location.QueryLanguage != QueryLanguage.JSONata)
            {
                // JSONPath states are the engine's; only their literal Assign is carried forward.
                if (location.State is DataFlowState { Assign: { } literal } && !literal.ToJson().Contains(".$\"", StringComparison.Ordinal))
                {
                    foreach (var (key, value) in literal)
                        variables[key] = value;
                }

                continue;
            }

            var bindings = new JsonataBindings { Input = input, Variables = new Dictionary<string, JsonValue>(variables) };
            checkedFields += Check(location, bindings, input, outcome, events, i, variables);
        }

        Assert.That(checkedFields, Is.GreaterThan(0), "the case has no JSONata field that was evaluated");
    }

    private static int Check(StateLocation location, JsonataBindings bindings, JsonValue input, (JsonObject? Exited, JsonObject? Failed, string? Next) outcome,
        List<JsonObject> events, int enteredAt, Dictionary<string, JsonValue> variables)
    {
        var evaluated = 0;
        switch (location.State)
        {
            case PassState pass:
            {
                var assigned = Template(pass.Assign, "Assign", bindings, outcome.Failed, ref evaluated);
                var output = pass.Output is null ? input : Template(pass.Output, "Output", bindings, outcome.Failed, ref evaluated);
                if (outcome.Failed is null)
                {
                    if (pass.Output is null)
                        evaluated++;
                    // Structural equality: the recording sorted object keys.
                    Assert.That(output, Is.EqualTo(Detail(outcome.Exited!["output"])), $"{location.Name} output");
                }

                if (assigned is JsonObject values)
                {
                    foreach (var (key, value) in values)
                        variables[key] = value;
                }

                break;
            }

            case ChoiceState choice:
            {
                string? taken = null;
                foreach (var rule in choice.Choices)
                {
                    var condition = JsonataExpression.Compile(((JsonataCondition)rule.Condition).Expression);
                    Assert.That(condition.TryEvaluate(bindings, "Condition", out var value, out var failure), Is.True, failure?.Cause);
                    evaluated++;
                    if (value is JsonBoolean { Value: true })
                    {
                        taken = rule.Next;
                        break;
                    }
                }

                Assert.That(taken ?? choice.Default, Is.EqualTo(outcome.Next), $"{location.Name} chose another state");
                break;
            }

            case MapState map:
            {
                foreach (var (field, value) in new (string, NumberOrJsonata?)[]
                         {
                             ("MaxConcurrency", map.MaxConcurrency), ("ToleratedFailureCount", map.ToleratedFailureCount),
                             ("ToleratedFailurePercentage", map.ToleratedFailurePercentage),
                         })
                {
                    if (value is { IsExpression: true } expression)
                    {
                        Assert.That(JsonataExpression.Compile(expression.Expression!).TryEvaluate(bindings, field, out var number, out var failure), Is.True, failure?.Cause);
                        Assert.That(number, Is.InstanceOf<JsonNumber>(), field);
                        evaluated++;
                    }
                }

                if (map.Items is null)
                    break;
                var items = Template(map.Items, "Items", bindings, outcome.Failed, ref evaluated, expectArray: true);
                if (items is null)
                    break;
                var started = events.Skip(enteredAt).First(e => e.ContainsKey("mapStateStartedEventDetails"));
                Assert.That(((JsonObject)started["mapStateStartedEventDetails"])["length"], Is.EqualTo((JsonValue)((JsonArray)items).Count), "item count");
                if (outcome.Exited is { } exited && map.Processor!.States.Values.All(s => s is PassState { Output: null, Parameters: null, Result: null }))
                    Assert.That(Detail(exited["output"]), Is.EqualTo(items), "the items, passed through");
                break;
            }

            case WaitState wait:
            {
                if (wait.Seconds is { IsExpression: true } seconds)
                {
                    Assert.That(JsonataExpression.Compile(seconds.Expression!).TryEvaluate(bindings, "Seconds", out var value, out var failure), Is.True, failure?.Cause);
                    Assert.That(value, Is.InstanceOf<JsonNumber>());
                    evaluated++;
                }

                if (JsonataSyntax.IsExpression(wait.Timestamp))
                {
                    Assert.That(JsonataExpression.Compile(wait.Timestamp!).TryEvaluate(bindings, "Timestamp", out var value, out var failure), Is.True, failure?.Cause);
                    Assert.That(value, Is.InstanceOf<JsonString>());
                    evaluated++;
                }

                break;
            }

            case FailState fail when JsonataSyntax.IsExpression(fail.Error):
            {
                Assert.That(JsonataExpression.Compile(fail.Error!).TryEvaluate(bindings, "Error", out var error, out var failure), Is.True, failure?.Cause);
                var failed = events.First(e => e.ContainsKey("executionFailedEventDetails"));
                Assert.That(error, Is.EqualTo(((JsonObject)failed["executionFailedEventDetails"])["error"]));
                evaluated++;
                break;
            }
        }

        return evaluated;
    }

    /// <summary>Evaluates a template; when AWS recorded an EvaluationFailed for this field, the same failure must occur.</summary>
    private static JsonValue? Template(JsonValue? template, string field, JsonataBindings bindings, JsonObject? recordedFailure, ref int evaluated, bool expectArray = false)
    {
        if (template is null)
            return null;
        evaluated++;
        var compiled = JsonataTemplate.Compile(template, field);
        var ok = compiled.TryEvaluate(bindings, out var value, out var failure);
        if (ok && expectArray && value is not JsonArray && template is JsonString expression)
        {
            ok = false;
            failure = JsonataFailure.UnexpectedResultType(JsonataExpression.Compile(expression.Value).Text, field, "array", value);
        }

        var recordedHere = recordedFailure is not null && Location(recordedFailure).StartsWith(field, StringComparison.Ordinal);
        if (recordedHere)
        {
            Assert.That(ok, Is.False, $"AWS failed {field} with: {Cause(recordedFailure!)}");
            Assert.That(failure!.Location, Is.EqualTo(Location(recordedFailure!)));
            Assert.That(failure.Cause, Is.EqualTo(Cause(recordedFailure!)));
            return null;
        }

        Assert.That(ok, Is.True, failure?.Cause);
        return value;
    }

    private static string Location(JsonObject failed) => ((JsonString)((JsonObject)failed["evaluationFailedEventDetails"])["location"]).Value;

    private static string Cause(JsonObject failed)
    {
        var cause = ((JsonString)((JsonObject)failed["evaluationFailedEventDetails"])["cause"]).Value;
        return cause[(cause.IndexOf(CausePrefixEnd, StringComparison.Ordinal) + CausePrefixEnd.Length)..];
    }

    /// <summary>How the state ended: its exited event, or an EvaluationFailed, and the state entered next.</summary>
    private static (JsonObject? Exited, JsonObject? Failed, string? Next) Outcome(List<JsonObject> events, int enteredAt, string name)
    {
        for (var j = enteredAt + 1; j < events.Count; j++)
        {
            if (events[j].TryGetValue("evaluationFailedEventDetails", out var failed) && ((JsonString)((JsonObject)failed)["state"]).Value == name)
                return (null, events[j], null);
            if (events[j].TryGetValue("stateExitedEventDetails", out var exited) && ((JsonString)((JsonObject)exited)["name"]).Value == name)
            {
                var next = events.Skip(j + 1).FirstOrDefault(e => e.ContainsKey("stateEnteredEventDetails"));
                var nextName = next is null ? null : ((JsonString)((JsonObject)next["stateEnteredEventDetails"])["name"]).Value;
                return ((JsonObject)exited, null, nextName);
            }
        }

        return (null, null, null);
    }

    /// <summary>As recorded, an input or output is an object where it was one, and otherwise its JSON text.</summary>
    private static JsonValue Detail(JsonValue recorded) => recorded is JsonString text ? JsonValue.Parse(text.Value) : recorded;
}
