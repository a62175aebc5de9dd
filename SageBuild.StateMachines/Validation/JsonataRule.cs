using SageBuild.StateMachines.Conditions;
using SageBuild.StateMachines.Json;
using SageBuild.StateMachines.Jsonata;
using SageBuild.StateMachines.Model;

namespace SageBuild.StateMachines.Validation;

/// <summary>
/// JSONata in definitions: every <c>{% %}</c> expression of a JSONata state must parse, and each state may only carry
/// the fields of its own query language (AWS's "Transforming data with JSONata": a JSONata state has Arguments and
/// Output instead of InputPath, Parameters, ResultSelector, ResultPath and OutputPath, and no <c>…Path</c> fields;
/// a JSONPath state has no Arguments, Output, Items or Condition). Assign belongs to both. Errors point at the field.
/// </summary>
internal sealed class JsonataRule : IDefinitionRule
{
    public void Check(StateMachineDefinition definition, ICollection<DefinitionError> errors)
    {
        foreach (var location in DefinitionWalker.States(definition))
        {
            if (definition.QueryLanguage == QueryLanguage.JSONata && location.State.QueryLanguage == QueryLanguage.JSONPath)
            {
                // AWS allows a JSONPath machine to upgrade single states, not a JSONata machine to downgrade them.
                errors.Add(new DefinitionError(location.PointerTo("QueryLanguage"), DefinitionErrorCodes.InvalidJsonata,
                    "'QueryLanguage' can not be 'JSONPath' if set to 'JSONata' for whole state machine"));
                continue;
            }

            var check = new StateCheck(location, errors);
            if (location.QueryLanguage == QueryLanguage.JSONata)
                check.JsonataState();
            else
                check.JsonPathState();
        }
    }

    private readonly struct StateCheck(StateLocation location, ICollection<DefinitionError> errors)
    {
        private State State => location.State;

        public void JsonataState()
        {
            if (State is DataFlowState flow)
            {
                OnlyJsonPath("InputPath", flow.InputPath is not null);
                OnlyJsonPath("OutputPath", flow.OutputPath is not null);
                Template(location.PointerTo("Output"), flow.Output);
                Template(location.PointerTo("Assign"), flow.Assign);
            }

            switch (State)
            {
                case PassState pass:
                    OnlyJsonPath("Parameters", pass.Parameters is not null);
                    OnlyJsonPath("Result", pass.Result is not null);
                    OnlyJsonPath("ResultPath", pass.ResultPath is not null);
                    break;
                case WaitState wait:
                    OnlyJsonPath("SecondsPath", wait.SecondsPath is not null);
                    OnlyJsonPath("TimestampPath", wait.TimestampPath is not null);
                    Number("Seconds", wait.Seconds);
                    Text(location.PointerTo("Timestamp"), wait.Timestamp);
                    break;
                case FailState fail:
                    OnlyJsonPath("ErrorPath", fail.ErrorPath is not null);
                    OnlyJsonPath("CausePath", fail.CausePath is not null);
                    Text(location.PointerTo("Error"), fail.Error);
                    Text(location.PointerTo("Cause"), fail.Cause);
                    break;
                case ChoiceState choice:
                    JsonataChoices(choice);
                    break;
            }

            if (State is RetryableState retryable)
                JsonataRetryable(retryable);
        }

        public void JsonPathState()
        {
            if (State is DataFlowState flow)
                OnlyJsonata("Output", flow.Output is not null);
            switch (State)
            {
                case WaitState wait:
                    NotAnExpression("Seconds", wait.Seconds);
                    break;
                case ChoiceState choice:
                    for (var i = 0; i < choice.Choices.Count; i++)
                    {
                        var rule = JsonPointer.Append(location.PointerTo("Choices"), i);
                        if (choice.Choices[i].Condition is JsonataCondition)
                            OnlyJsonata("Condition", true, JsonPointer.Append(rule, "Condition"));
                        if (choice.Choices[i].Output is not null)
                            OnlyJsonata("Output", true, JsonPointer.Append(rule, "Output"));
                    }

                    break;
            }

            if (State is not RetryableState retryable)
                return;
            OnlyJsonata("Arguments", retryable.Arguments is not null);
            CatcherOutputs(retryable, jsonata: false);
            switch (retryable)
            {
                case TaskState task:
                    NotAnExpression("TimeoutSeconds", task.TimeoutSeconds);
                    NotAnExpression("HeartbeatSeconds", task.HeartbeatSeconds);
                    break;
                case MapState map:
                    OnlyJsonata("Items", map.Items is not null);
                    NotAnExpression("MaxConcurrency", map.MaxConcurrency);
                    NotAnExpression("ToleratedFailurePercentage", map.ToleratedFailurePercentage);
                    NotAnExpression("ToleratedFailureCount", map.ToleratedFailureCount);
                    if (map.ItemReader?.Arguments is not null)
                        OnlyJsonata("Arguments", true, JsonPointer.Append(location.PointerTo("ItemReader"), "Arguments"));
                    if (map.ResultWriter?.Arguments is not null)
                        OnlyJsonata("Arguments", true, JsonPointer.Append(location.PointerTo("ResultWriter"), "Arguments"));
                    break;
            }
        }

        private void JsonataRetryable(RetryableState retryable)
        {
            OnlyJsonPath("Parameters", retryable.Parameters is not null);
            OnlyJsonPath("ResultSelector", retryable.ResultSelector is not null);
            OnlyJsonPath("ResultPath", retryable.ResultPath is not null);
            Template(location.PointerTo("Arguments"), retryable.Arguments);
            CatcherOutputs(retryable, jsonata: true);
            switch (retryable)
            {
                case TaskState task:
                    OnlyJsonPath("TimeoutSecondsPath", task.TimeoutSecondsPath is not null);
                    OnlyJsonPath("HeartbeatSecondsPath", task.HeartbeatSecondsPath is not null);
                    Number("TimeoutSeconds", task.TimeoutSeconds);
                    Number("HeartbeatSeconds", task.HeartbeatSeconds);
                    Template(location.PointerTo("Credentials"), task.Credentials);
                    break;
                case MapState map:
                    JsonataMap(map);
                    break;
            }
        }

        private void JsonataMap(MapState map)
        {
            OnlyJsonPath("ItemsPath", map.ItemsPath is not null);
            OnlyJsonPath("MaxConcurrencyPath", map.MaxConcurrencyPath is not null);
            OnlyJsonPath("ToleratedFailurePercentagePath", map.ToleratedFailurePercentagePath is not null);
            OnlyJsonPath("ToleratedFailureCountPath", map.ToleratedFailureCountPath is not null);
            Template(location.PointerTo("Items"), map.Items);
            Template(location.PointerTo("ItemSelector"), map.ItemSelector);
            Number("MaxConcurrency", map.MaxConcurrency);
            Number("ToleratedFailurePercentage", map.ToleratedFailurePercentage);
            Number("ToleratedFailureCount", map.ToleratedFailureCount);
            if (map.ItemReader is { } reader)
            {
                var pointer = location.PointerTo("ItemReader");
                if (reader.Parameters is not null)
                    OnlyJsonPath("Parameters", true, JsonPointer.Append(pointer, "Parameters"));
                Template(JsonPointer.Append(pointer, "Arguments"), reader.Arguments);
                if (reader.ReaderConfig is { } config && config.ContainsKey("MaxItemsPath"))
                    OnlyJsonPath("MaxItemsPath", true, JsonPointer.Append(JsonPointer.Append(pointer, "ReaderConfig"), "MaxItemsPath"));
                Template(JsonPointer.Append(pointer, "ReaderConfig"), reader.ReaderConfig);
            }

            if (map.ResultWriter is { } writer)
            {
                var pointer = location.PointerTo("ResultWriter");
                if (writer.Parameters is not null)
                    OnlyJsonPath("Parameters", true, JsonPointer.Append(pointer, "Parameters"));
                Template(JsonPointer.Append(pointer, "Arguments"), writer.Arguments);
            }

            if (map.ItemBatcher is { } batcher)
            {
                var pointer = location.PointerTo("ItemBatcher");
                if (batcher.MaxItemsPerBatchPath is not null)
                    OnlyJsonPath("MaxItemsPerBatchPath", true, JsonPointer.Append(pointer, "MaxItemsPerBatchPath"));
                if (batcher.MaxInputBytesPerBatchPath is not null)
                    OnlyJsonPath("MaxInputBytesPerBatchPath", true, JsonPointer.Append(pointer, "MaxInputBytesPerBatchPath"));
                Number("MaxItemsPerBatch", batcher.MaxItemsPerBatch, JsonPointer.Append(pointer, "MaxItemsPerBatch"));
                Number("MaxInputBytesPerBatch", batcher.MaxInputBytesPerBatch, JsonPointer.Append(pointer, "MaxInputBytesPerBatch"));
                Template(JsonPointer.Append(pointer, "BatchInput"), batcher.BatchInput);
            }
        }

        private void JsonataChoices(ChoiceState choice)
        {
            for (var i = 0; i < choice.Choices.Count; i++)
            {
                var rule = choice.Choices[i];
                var pointer = JsonPointer.Append(location.PointerTo("Choices"), i);
                if (rule.Condition is JsonataCondition jsonata)
                {
                    var conditionPointer = JsonPointer.Append(pointer, "Condition");
                    if (JsonataSyntax.IsExpression(jsonata.Expression))
                        Expression(conditionPointer, jsonata.Expression);
                    else
                        errors.Add(new DefinitionError(conditionPointer, DefinitionErrorCodes.InvalidJsonata,
                            $"a Condition must be a JSONata expression written as {{% ... %}}, not '{jsonata.Expression}'"));
                }
                else
                {
                    errors.Add(new DefinitionError(pointer, DefinitionErrorCodes.InvalidJsonata,
                        $"The QueryLanguage is set to 'JSONata', but the Choice rule uses {Describe(rule.Condition)}, which is only supported for the 'JSONPath' QueryLanguage: use a Condition"));
                }

                Template(JsonPointer.Append(pointer, "Output"), rule.Output);
                Template(JsonPointer.Append(pointer, "Assign"), rule.Assign);
            }
        }

        private static string Describe(Condition condition) => condition switch
        {
            ComparisonCondition c => $"'Variable' with '{c.Operator}'",
            AndCondition => "'And'",
            OrCondition => "'Or'",
            NotCondition => "'Not'",
            _ => "a JSONPath rule",
        };

        private void CatcherOutputs(RetryableState retryable, bool jsonata)
        {
            if (retryable.Catch is not { } catchers)
                return;
            for (var i = 0; i < catchers.Count; i++)
            {
                var pointer = JsonPointer.Append(location.PointerTo("Catch"), i);
                if (jsonata)
                {
                    if (catchers[i].ResultPath is not null)
                        OnlyJsonPath("ResultPath", true, JsonPointer.Append(pointer, "ResultPath"));
                    Template(JsonPointer.Append(pointer, "Output"), catchers[i].Output, errorOutputAllowed: true);
                    Template(JsonPointer.Append(pointer, "Assign"), catchers[i].Assign, errorOutputAllowed: true);
                }
                else if (catchers[i].Output is not null)
                {
                    OnlyJsonata("Output", true, JsonPointer.Append(pointer, "Output"));
                }
            }
        }

        private void OnlyJsonPath(string field, bool present, string? pointer = null)
        {
            if (present)
            {
                errors.Add(new DefinitionError(pointer ?? location.PointerTo(field), DefinitionErrorCodes.InvalidJsonata,
                    $"The QueryLanguage is set to 'JSONata', but field '{field}' is only supported for the 'JSONPath' QueryLanguage"));
            }
        }

        private void OnlyJsonata(string field, bool present, string? pointer = null)
        {
            if (present)
            {
                errors.Add(new DefinitionError(pointer ?? location.PointerTo(field), DefinitionErrorCodes.InvalidJsonata,
                    $"The QueryLanguage is set to 'JSONPath', but field '{field}' is only supported for the 'JSONata' QueryLanguage"));
            }
        }

        private void NotAnExpression(string field, NumberOrJsonata? value)
        {
            if (value is { IsExpression: true })
            {
                errors.Add(new DefinitionError(location.PointerTo(field), DefinitionErrorCodes.InvalidJsonata,
                    $"The QueryLanguage is set to 'JSONPath', but field '{field}' holds a string: JSONata expressions are only supported for the 'JSONata' QueryLanguage"));
            }
        }

        private void Number(string field, NumberOrJsonata? value, string? pointer = null)
        {
            if (value is not { IsExpression: true } expression)
                return;
            pointer ??= location.PointerTo(field);
            if (JsonataSyntax.IsExpression(expression.Expression))
                Expression(pointer, expression.Expression!);
            else
                errors.Add(new DefinitionError(pointer, DefinitionErrorCodes.InvalidJsonata, $"'{field}' must be a number or a JSONata expression written as {{% ... %}}, not '{expression.Expression}'"));
        }

        private void Text(string pointer, string? value, bool errorOutputAllowed = false)
        {
            if (JsonataSyntax.IsExpression(value))
                Expression(pointer, value!, errorOutputAllowed);
        }

        /// <summary>Checks every <c>{% %}</c> string inside <paramref name="value"/>, at any depth.</summary>
        private void Template(string pointer, JsonValue? value, bool errorOutputAllowed = false)
        {
            switch (value)
            {
                case JsonString s:
                    Text(pointer, s.Value, errorOutputAllowed);
                    break;
                case JsonObject o:
                    foreach (var (key, member) in o)
                        Template(JsonPointer.Append(pointer, key), member, errorOutputAllowed);
                    break;
                case JsonArray a:
                    for (var i = 0; i < a.Count; i++)
                        Template(JsonPointer.Append(pointer, i), a[i], errorOutputAllowed);
                    break;
            }
        }

        private void Expression(string pointer, string text, bool errorOutputAllowed = false)
        {
            JsonataSyntax.TryUnwrap(text, out var expression);
            JsonataNode root;
            try
            {
                root = JsonataParser.Parse(expression);
            }
            catch (JsonataSyntaxException error)
            {
                errors.Add(new DefinitionError(pointer, DefinitionErrorCodes.InvalidJsonata,
                    $"the JSONata expression '{expression.Trim()}' does not parse: {error.Message}"));
                return;
            }

            // AWS refuses these when the state machine is created (UNSUPPORTED_JSONATA_EXPRESSION).
            foreach (var problem in JsonataReferenceCheck.Problems(root, errorOutputAllowed))
                errors.Add(new DefinitionError(pointer, DefinitionErrorCodes.InvalidJsonata, problem));
        }
    }
}
