using System.Security.Cryptography;
using System.Text.Json;
using SageBuild.Engine.Api.Model;
using EnteredDetails = SageBuild.Engine.History.StateEnteredEventDetails;
using ErrorDetails = SageBuild.Engine.History.ErrorEventDetails;
using SageBuild.StateMachines.Json;
using SageBuild.StateMachines.Validation;
using EngineStatus = SageBuild.Engine.Stores.ExecutionStatus;

namespace SageBuild.Engine.Api.Service;

/// <summary>
/// TestState: runs one state on the real engine, with its real integrations, and reports what it produced and where it
/// would go next. The state runs inside a throw-away state machine in which every state it can go to is a Succeed, so
/// the run ends as soon as the tested state has: the state entered after it is the next state, and that state's input
/// is the tested state's output.
/// </summary>
/// <remarks>
/// As in AWS, a Retry is not followed: a failed state with a Retry reports RETRIABLE. Waits do not wait (the run uses
/// the virtual clock). Mocked results, variables and a context object are not supported and are refused.
/// </remarks>
internal sealed class StateTester(WorkflowEngine engine)
{
    public async Task<TestStateOutput> TestAsync(TestStateInput input, CancellationToken cancellationToken)
    {
        if (input.Mock is not null || input.Variables is not null || input.Context is not null || input.StateConfiguration is not null)
            throw new StepFunctionsException(StepFunctionsErrorCodes.ValidationException, "This SageBuild server's TestState supports neither mock, variables, context nor stateConfiguration");
        var (name, state) = TestedState(input);
        var targets = Targets(state).Distinct(StringComparer.Ordinal).ToList();
        if (targets.Contains(name, StringComparer.Ordinal))
            throw new StepFunctionsException(StepFunctionsErrorCodes.ValidationException, $"The state '{name}' goes to itself, so it cannot be tested alone");
        // The caller's state is JSON and stays JSON (the builders make states from typed options, not from a document);
        // only the Succeed stand-ins are added around it, and the whole is validated like any definition.
        var hasRetry = state.ContainsKey("Retry");
        var states = new JsonObjectBuilder(targets.Count + 1).Set(name, state.Without("Retry"));
        foreach (var target in targets)
            states.Set(target, JsonObject.Create(("Type", "Succeed")));
        var text = JsonObject.Create(("StartAt", name), ("States", states.Build())).ToJson();
        var errors = DefinitionValidator.Validate(text);
        if (errors.Count > 0)
            throw StepFunctionsErrors.InvalidDefinition(errors);
        JsonValue data;
        try
        {
            data = JsonValue.Parse(input.Input ?? "{}");
        }
        catch (JsonException e)
        {
            throw StepFunctionsErrors.InvalidExecutionInput(e.Message);
        }

        var machineName = "sagebuild-test-state-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        var machine = engine.CreateStateMachine(machineName, AslJson.Parse(text), input.RoleArn);
        try
        {
            var record = await engine.ExecuteAsync(machine.StateMachineArn, data, new StartExecutionOptions { Clock = ExecutionClock.Virtual }, cancellationToken).ConfigureAwait(false);
            var history = await engine.GetExecutionHistoryAsync(record.ExecutionArn, cancellationToken).ConfigureAwait(false);
            var next = history.Select(e => e.Details).OfType<EnteredDetails>().Skip(1).FirstOrDefault();
            if (record.Status != EngineStatus.SUCCEEDED)
            {
                return new TestStateOutput
                {
                    Status = hasRetry ? TestExecutionStatus.Retriable : TestExecutionStatus.Failed,
                    Error = record.Error,
                    Cause = record.Cause,
                };
            }

            var caught = history.Select(e => e.Details).OfType<ErrorDetails>().LastOrDefault();
            var isCaught = next is not null && caught is not null && CatchTargets(state).Contains(next.Name, StringComparer.Ordinal);
            return new TestStateOutput
            {
                Status = isCaught ? TestExecutionStatus.CaughtError : TestExecutionStatus.Succeeded,
                Output = (next?.Input ?? record.Output ?? JsonObject.Empty).ToJson(),
                NextState = next?.Name,
                Error = isCaught ? caught!.Error : null,
                Cause = isCaught ? caught!.Cause : null,
            };
        }
        finally
        {
            engine.DeleteStateMachine(machine.StateMachineArn);
        }
    }

    /// <summary>The state to test: the definition itself, or with <c>stateName</c> that state of a whole state machine.</summary>
    private static (string Name, JsonObject State) TestedState(TestStateInput input)
    {
        JsonValue parsed;
        try
        {
            parsed = JsonValue.Parse(input.Definition);
        }
        catch (JsonException e)
        {
            throw new StepFunctionsException(StepFunctionsErrorCodes.InvalidDefinition, $"Invalid State Definition: '{e.Message}'");
        }

        if (parsed is not JsonObject definition)
            throw new StepFunctionsException(StepFunctionsErrorCodes.InvalidDefinition, "Invalid State Definition: 'the definition must be a JSON object'");
        if (input.StateName is not { } stateName)
            return ("TestState", definition);
        if (definition.TryGetValue("States", out var all) && all is JsonObject states && states.TryGetValue(stateName, out var named) && named is JsonObject state)
            return (stateName, state);
        throw new StepFunctionsException(StepFunctionsErrorCodes.InvalidDefinition, $"Invalid State Definition: 'no state named {stateName} at /States/{stateName}'");
    }

    /// <summary>Every state name the state can go to: Next, Default, each Choice rule's Next and each Catcher's Next.</summary>
    private static IEnumerable<string> Targets(JsonObject state)
    {
        if (state.TryGetValue("Next", out var next) && next is JsonString nextName)
            yield return nextName.Value;
        if (state.TryGetValue("Default", out var fallback) && fallback is JsonString defaultName)
            yield return defaultName.Value;
        if (state.TryGetValue("Choices", out var choices) && choices is JsonArray rules)
        {
            foreach (var rule in rules)
            {
                if (rule is JsonObject ruleObject && ruleObject.TryGetValue("Next", out var ruleNext) && ruleNext is JsonString ruleName)
                    yield return ruleName.Value;
            }
        }

        foreach (var target in CatchTargets(state))
            yield return target;
    }

    private static IEnumerable<string> CatchTargets(JsonObject state)
    {
        if (!state.TryGetValue("Catch", out var catchers) || catchers is not JsonArray list)
            yield break;
        foreach (var catcher in list)
        {
            if (catcher is JsonObject catcherObject && catcherObject.TryGetValue("Next", out var catchNext) && catchNext is JsonString catchName)
                yield return catchName.Value;
        }
    }
}
