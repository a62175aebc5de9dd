using SageBuild.StateMachines.Conditions;
using SageBuild.StateMachines.Model;

namespace SageBuild.StateMachines.Json;

/// <summary>
/// Renders the model as ASL JSON in one fixed key order: identity first (Type, Comment, QueryLanguage),
/// then input, work, result and output processing in the order they happen, then error handling, then the
/// transition. The same model always gives the same bytes.
/// </summary>
internal static class AslWriter
{
    public static JsonObject Render(StateMachineDefinition definition)
    {
        var o = new JsonObjectBuilder();
        o.SetIfNotNull("Comment", Str(definition.Comment));
        o.SetIfNotNull("QueryLanguage", Str(definition.QueryLanguage?.ToString()));
        o.SetIfNotNull("Version", Str(definition.Version));
        o.SetIfNotNull("TimeoutSeconds", definition.TimeoutSeconds is { } t ? JsonNumber.From(t) : null);
        o.Set("StartAt", definition.StartAt);
        o.Set("States", RenderStates(definition.States));
        return o.Build();
    }

    private static JsonObject RenderGraph(StateGraph graph, ProcessorConfig? config = null)
    {
        var o = new JsonObjectBuilder();
        o.SetIfNotNull("Comment", Str(graph.Comment));
        if (config is not null)
        {
            var c = new JsonObjectBuilder();
            c.SetIfNotNull("Mode", Str(config.Mode?.ToString()));
            c.SetIfNotNull("ExecutionType", Str(config.ExecutionType?.ToString()));
            o.Set("ProcessorConfig", c.Build());
        }

        o.Set("StartAt", graph.StartAt);
        o.Set("States", RenderStates(graph.States));
        return o.Build();
    }

    private static JsonObject RenderStates(StateMap states)
    {
        var o = new JsonObjectBuilder(states.Count);
        foreach (var (name, state) in states)
            o.Set(name, RenderState(state));
        return o.Build();
    }

    private static JsonObject RenderState(State state)
    {
        var o = new JsonObjectBuilder();
        o.Set("Type", state.Type.ToString());
        o.SetIfNotNull("Comment", Str(state.Comment));
        o.SetIfNotNull("QueryLanguage", Str(state.QueryLanguage?.ToString()));
        if (state is DataFlowState flow)
            o.SetIfNotNull("InputPath", Path(flow.InputPath));
        switch (state)
        {
            case PassState pass:
                o.SetIfNotNull("Parameters", pass.Parameters);
                o.SetIfNotNull("Result", pass.Result);
                o.SetIfNotNull("ResultPath", Path(pass.ResultPath));
                break;
            case TaskState task:
                o.Set("Resource", task.Resource);
                RenderWork(o, task);
                o.SetIfNotNull("TimeoutSeconds", Number(task.TimeoutSeconds));
                o.SetIfNotNull("TimeoutSecondsPath", Str(task.TimeoutSecondsPath));
                o.SetIfNotNull("HeartbeatSeconds", Number(task.HeartbeatSeconds));
                o.SetIfNotNull("HeartbeatSecondsPath", Str(task.HeartbeatSecondsPath));
                o.SetIfNotNull("Credentials", task.Credentials);
                RenderResult(o, task);
                break;
            case ChoiceState choice:
                o.Set("Choices", JsonArray.Create(choice.Choices.Select(RenderChoiceRule)));
                o.SetIfNotNull("Default", Str(choice.Default));
                break;
            case WaitState wait:
                o.SetIfNotNull("Seconds", Number(wait.Seconds));
                o.SetIfNotNull("SecondsPath", Str(wait.SecondsPath));
                o.SetIfNotNull("Timestamp", Str(wait.Timestamp));
                o.SetIfNotNull("TimestampPath", Str(wait.TimestampPath));
                break;
            case FailState fail:
                o.SetIfNotNull("Error", Str(fail.Error));
                o.SetIfNotNull("ErrorPath", Str(fail.ErrorPath));
                o.SetIfNotNull("Cause", Str(fail.Cause));
                o.SetIfNotNull("CausePath", Str(fail.CausePath));
                break;
            case ParallelState parallel:
                RenderWork(o, parallel);
                o.Set("Branches", JsonArray.Create(parallel.Branches.Select(b => (JsonValue)RenderGraph(b))));
                RenderResult(o, parallel);
                break;
            case MapState map:
                RenderMap(o, map);
                break;
        }

        if (state is DataFlowState data)
        {
            o.SetIfNotNull("OutputPath", Path(data.OutputPath));
            o.SetIfNotNull("Output", data.Output);
            o.SetIfNotNull("Assign", data.Assign);
        }

        if (state is RetryableState retryable)
        {
            o.SetIfNotNull("Retry", retryable.Retry is { } retry ? JsonArray.Create(retry.Select(RenderRetrier)) : null);
            o.SetIfNotNull("Catch", retryable.Catch is { } @catch ? JsonArray.Create(@catch.Select(RenderCatcher)) : null);
        }

        if (state is TransitionState transition)
        {
            o.SetIfNotNull("Next", Str(transition.Next));
            if (transition.End)
                o.Set("End", true);
        }

        return o.Build();
    }

    private static void RenderWork(JsonObjectBuilder o, RetryableState state)
    {
        o.SetIfNotNull("Parameters", state.Parameters);
        o.SetIfNotNull("Arguments", state.Arguments);
    }

    private static void RenderResult(JsonObjectBuilder o, RetryableState state)
    {
        o.SetIfNotNull("ResultSelector", state.ResultSelector);
        o.SetIfNotNull("ResultPath", Path(state.ResultPath));
    }

    private static void RenderMap(JsonObjectBuilder o, MapState map)
    {
        o.SetIfNotNull("ItemReader", map.ItemReader is { } reader ? RenderItemReader(reader) : null);
        o.SetIfNotNull("ItemsPath", Str(map.ItemsPath));
        o.SetIfNotNull("Items", map.Items);
        o.SetIfNotNull("ItemSelector", map.ItemSelector);
        RenderWork(o, map);
        o.SetIfNotNull("ItemBatcher", map.ItemBatcher is { } batcher ? RenderItemBatcher(batcher) : null);
        o.SetIfNotNull("ItemProcessor", map.ItemProcessor is { } processor ? RenderGraph(processor, processor.ProcessorConfig) : null);
        o.SetIfNotNull("Iterator", map.Iterator is { } iterator ? RenderGraph(iterator, iterator.ProcessorConfig) : null);
        o.SetIfNotNull("MaxConcurrency", Number(map.MaxConcurrency));
        o.SetIfNotNull("MaxConcurrencyPath", Str(map.MaxConcurrencyPath));
        o.SetIfNotNull("ToleratedFailurePercentage", Number(map.ToleratedFailurePercentage));
        o.SetIfNotNull("ToleratedFailurePercentagePath", Str(map.ToleratedFailurePercentagePath));
        o.SetIfNotNull("ToleratedFailureCount", Number(map.ToleratedFailureCount));
        o.SetIfNotNull("ToleratedFailureCountPath", Str(map.ToleratedFailureCountPath));
        o.SetIfNotNull("Label", Str(map.Label));
        o.SetIfNotNull("ResultWriter", map.ResultWriter is { } writer ? RenderResultWriter(writer) : null);
        RenderResult(o, map);
    }

    private static JsonObject RenderItemReader(ItemReader reader)
    {
        var o = new JsonObjectBuilder();
        o.Set("Resource", reader.Resource);
        o.SetIfNotNull("ReaderConfig", reader.ReaderConfig);
        o.SetIfNotNull("Parameters", reader.Parameters);
        o.SetIfNotNull("Arguments", reader.Arguments);
        return o.Build();
    }

    private static JsonObject RenderItemBatcher(ItemBatcher batcher)
    {
        var o = new JsonObjectBuilder();
        o.SetIfNotNull("MaxItemsPerBatch", Number(batcher.MaxItemsPerBatch));
        o.SetIfNotNull("MaxItemsPerBatchPath", Str(batcher.MaxItemsPerBatchPath));
        o.SetIfNotNull("MaxInputBytesPerBatch", Number(batcher.MaxInputBytesPerBatch));
        o.SetIfNotNull("MaxInputBytesPerBatchPath", Str(batcher.MaxInputBytesPerBatchPath));
        o.SetIfNotNull("BatchInput", batcher.BatchInput);
        return o.Build();
    }

    private static JsonObject RenderResultWriter(ResultWriter writer)
    {
        var o = new JsonObjectBuilder();
        o.SetIfNotNull("Resource", Str(writer.Resource));
        o.SetIfNotNull("Parameters", writer.Parameters);
        o.SetIfNotNull("Arguments", writer.Arguments);
        o.SetIfNotNull("WriterConfig", writer.WriterConfig);
        return o.Build();
    }

    private static JsonValue RenderChoiceRule(ChoiceRule rule)
    {
        var o = new JsonObjectBuilder();
        o.SetIfNotNull("Comment", Str(rule.Comment));
        RenderCondition(o, rule.Condition);
        o.SetIfNotNull("Output", rule.Output);
        o.SetIfNotNull("Assign", rule.Assign);
        o.Set("Next", rule.Next);
        return o.Build();
    }

    private static JsonObject RenderCondition(Condition condition)
    {
        var o = new JsonObjectBuilder();
        RenderCondition(o, condition);
        return o.Build();
    }

    private static void RenderCondition(JsonObjectBuilder o, Condition condition)
    {
        switch (condition)
        {
            case ComparisonCondition c:
                o.Set("Variable", c.Variable);
                o.Set(c.Operator.ToString(), c.Value);
                break;
            case AndCondition and:
                o.Set("And", JsonArray.Create(and.Operands.Select(x => (JsonValue)RenderCondition(x))));
                break;
            case OrCondition or:
                o.Set("Or", JsonArray.Create(or.Operands.Select(x => (JsonValue)RenderCondition(x))));
                break;
            case NotCondition not:
                o.Set("Not", RenderCondition(not.Operand));
                break;
            case JsonataCondition jsonata:
                o.Set("Condition", jsonata.Expression);
                break;
            default:
                throw new InvalidOperationException($"no rendering for {condition.GetType().Name}");
        }
    }

    private static JsonValue RenderRetrier(Retrier r)
    {
        var o = new JsonObjectBuilder();
        o.SetIfNotNull("Comment", Str(r.Comment));
        o.Set("ErrorEquals", JsonArray.Create(r.ErrorEquals.Select(JsonValue.FromString)));
        o.SetIfNotNull("IntervalSeconds", r.IntervalSeconds is { } i ? JsonNumber.From(i) : null);
        o.SetIfNotNull("MaxAttempts", r.MaxAttempts is { } m ? JsonNumber.From(m) : null);
        o.SetIfNotNull("BackoffRate", r.BackoffRate is { } b ? JsonNumber.From(b) : null);
        o.SetIfNotNull("MaxDelaySeconds", r.MaxDelaySeconds is { } d ? JsonNumber.From(d) : null);
        o.SetIfNotNull("JitterStrategy", Str(r.JitterStrategy?.ToString()));
        return o.Build();
    }

    private static JsonValue RenderCatcher(Catcher c)
    {
        var o = new JsonObjectBuilder();
        o.SetIfNotNull("Comment", Str(c.Comment));
        o.Set("ErrorEquals", JsonArray.Create(c.ErrorEquals.Select(JsonValue.FromString)));
        o.SetIfNotNull("ResultPath", Path(c.ResultPath));
        o.SetIfNotNull("Output", c.Output);
        o.SetIfNotNull("Assign", c.Assign);
        o.Set("Next", c.Next);
        return o.Build();
    }

    private static JsonString? Str(string? value) => value is null ? null : JsonString.From(value);

    private static JsonValue? Path(NullablePath? path) => path switch
    {
        null => null,
        { Path: null } => JsonNull.Instance,
        { Path: { } p } => JsonString.From(p),
    };

    private static JsonValue? Number(NumberOrJsonata? value) => value switch
    {
        null => null,
        { Expression: { } e } => JsonString.From(e),
        { Number: { } n } => JsonNumber.From(n),
        _ => null,
    };
}
