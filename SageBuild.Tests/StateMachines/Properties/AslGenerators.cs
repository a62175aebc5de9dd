using CsCheck;
using SageBuild.StateMachines.Conditions;
using SageBuild.StateMachines.Json;
using SageBuild.StateMachines.Model;

namespace SageBuild.Tests.StateMachines.Properties;

/// <summary>
/// CsCheck generators of well-formed ASL models: every state type, nested Parallel and Map graphs, Choice rules
/// with every operator and And/Or/Not, retriers and catchers, and arbitrary JSON in templates. The models are
/// well formed (the reader can hold them) but not necessarily valid: Next may name any state.
/// </summary>
internal static class AslGenerators
{
    // Characters that stress JSON escaping and JSON pointers: quotes, backslashes, '/', '~' and non-ASCII.
    private static readonly Gen<string> Text = Gen.Char["abcXYZ019 _-\"\\/~é€"].Array[1, 8].Select(c => new string(c));

    private static readonly Gen<string> Path = Gen.OneOf(Gen.Const("$"), Gen.Const("$.a"), Gen.Const("$.a.b[0]"), Gen.Const("$$.Execution.Id"), Gen.Const("$.items[*]"));

    public static readonly Gen<JsonValue> Json = Gen.Recursive<JsonValue>((depth, self) =>
    {
        var scalar = Gen.Frequency(
            (2, Text.Select(s => (JsonValue)s)),
            (2, Gen.Int[-1000, 1000].Select(i => (JsonValue)i)),
            (1, Gen.Double[-1e6, 1e6].Select(d => (JsonValue)d)),
            (1, Gen.Bool.Select(b => (JsonValue)b)),
            (1, Gen.Const(JsonValue.Null)));
        if (depth > 2)
            return scalar;
        return Gen.Frequency(
            (4, scalar),
            (1, self.Array[0, 3].Select(items => (JsonValue)JsonArray.Create(items))),
            (2, Gen.Select(Text, self).Array[0, 3].Select(ToObject).Select(o => (JsonValue)o)));
    });

    private static readonly Gen<JsonObject> JsonObjects = Gen.Select(Text, Json).Array[0, 3].Select(ToObject);

    private static readonly Gen<NullablePath?> NullablePaths = Gen.Frequency(
        (3, Gen.Const((NullablePath?)null)),
        (1, Gen.Const<NullablePath?>(NullablePath.Null)),
        (2, Path.Select(p => (NullablePath?)NullablePath.Of(p))));

    private static readonly Gen<NumberOrJsonata?> Numbers = Gen.Frequency(
        (3, Gen.Const((NumberOrJsonata?)null)),
        (2, Gen.Int[0, 100].Select(i => (NumberOrJsonata?)NumberOrJsonata.Of(i))),
        (1, Gen.Const<NumberOrJsonata?>(NumberOrJsonata.OfExpression("{% $states.input.n %}"))));

    private static readonly Gen<string?> OptionalText = Gen.Frequency((3, Gen.Const((string?)null)), (1, Text.Select(t => (string?)t)));

    private static readonly Gen<Condition> Conditions = Gen.Recursive<Condition>((depth, self) =>
    {
        var comparison = Gen.Select(Path, Gen.Enum<ComparisonOperator>(), Json, (variable, op, value) => (Condition)Condition.Comparison(variable, op, value));
        var jsonata = Gen.Const<Condition>(new JsonataCondition("{% $states.input.ok %}"));
        if (depth > 2)
            return Gen.Frequency((5, comparison), (1, jsonata));
        return Gen.Frequency(
            (5, comparison),
            (1, jsonata),
            (1, self.Array[1, 3].Select(c => (Condition)new AndCondition(ValueList.Create<Condition>(c)))),
            (1, self.Array[1, 3].Select(c => (Condition)new OrCondition(ValueList.Create<Condition>(c)))),
            (1, self.Select(c => (Condition)new NotCondition(c))));
    });

    private static readonly Gen<Retrier> Retriers =
        from errors in Text.Array[0, 3]
        from interval in Gen.Int[0, 10].Select(i => i == 0 ? (int?)null : i)
        from attempts in Gen.Int[-1, 5].Select(i => i < 0 ? (int?)null : i)
        from backoff in Gen.OneOf(Gen.Const((double?)null), Gen.Const<double?>(1.5), Gen.Const<double?>(2))
        from delay in Gen.Int[0, 60].Select(i => i == 0 ? (int?)null : i)
        from jitter in Gen.OneOf(Gen.Const((JitterStrategy?)null), Gen.Const<JitterStrategy?>(JitterStrategy.FULL), Gen.Const<JitterStrategy?>(JitterStrategy.NONE))
        from comment in OptionalText
        select new Retrier
        {
            ErrorEquals = ValueList.Create<string>(errors), IntervalSeconds = interval, MaxAttempts = attempts, BackoffRate = backoff,
            MaxDelaySeconds = delay, JitterStrategy = jitter, Comment = comment,
        };

    /// <summary>A well-formed definition, up to three graphs deep.</summary>
    public static readonly Gen<StateMachineDefinition> Definitions =
        from graph in Graphs(0)
        from timeout in Gen.Int[0, 3600].Select(t => t == 0 ? (int?)null : t)
        from language in Gen.OneOf(Gen.Const((QueryLanguage?)null), Gen.Const<QueryLanguage?>(QueryLanguage.JSONPath), Gen.Const<QueryLanguage?>(QueryLanguage.JSONata))
        from comment in OptionalText
        select new StateMachineDefinition { StartAt = graph.StartAt, States = graph.States, Comment = comment, TimeoutSeconds = timeout, Version = "1.0", QueryLanguage = language };

    private static Gen<StateGraph> Graphs(int depth) =>
        from names in Text.Array[1, 4].Select(n => n.Distinct(StringComparer.Ordinal).ToArray())
        from states in States(depth, names).Array[names.Length]
        from start in Gen.Int[0, names.Length - 1]
        from comment in OptionalText
        select new StateGraph { StartAt = names[start], States = StateMap.Create(names.Zip(states, (n, s) => KeyValuePair.Create(n, s))), Comment = comment };

    private static Gen<ItemProcessor> Processors(int depth) =>
        from graph in Graphs(depth)
        from mode in Gen.OneOf(Gen.Const((ProcessorConfig?)null), Gen.Const<ProcessorConfig?>(new ProcessorConfig { Mode = ProcessorMode.INLINE }),
            Gen.Const<ProcessorConfig?>(new ProcessorConfig { Mode = ProcessorMode.DISTRIBUTED, ExecutionType = ExecutionType.EXPRESS }))
        select new ItemProcessor { StartAt = graph.StartAt, States = graph.States, Comment = graph.Comment, ProcessorConfig = mode };

    private static Gen<State> States(int depth, string[] names)
    {
        var next = Gen.OneOf(names).Select(n => (string?)n);
        var transition = Gen.Select(next, Gen.Bool, (n, end) => end ? (Next: (string?)null, End: true) : (Next: n, End: false));
        var catchers =
            from errors in Text.Array[0, 2]
            from target in Gen.OneOf(names)
            from resultPath in NullablePaths
            select new Catcher { ErrorEquals = ValueList.Create<string>(errors), Next = target, ResultPath = resultPath };
        var retry = Gen.Frequency((2, Gen.Const((ValueList<Retrier>?)null)), (1, Retriers.Array[0, 2].Select(r => (ValueList<Retrier>?)ValueList.Create<Retrier>(r))));
        var @catch = Gen.Frequency((2, Gen.Const((ValueList<Catcher>?)null)), (1, catchers.Array[0, 2].Select(c => (ValueList<Catcher>?)ValueList.Create<Catcher>(c))));
        var optionalJson = Gen.Frequency((2, Gen.Const((JsonValue?)null)), (1, Json.Select(j => (JsonValue?)j)));
        var optionalObject = Gen.Frequency((2, Gen.Const((JsonObject?)null)), (1, JsonObjects.Select(o => (JsonObject?)o)));

        var pass =
            from t in transition
            from result in optionalJson
            from parameters in optionalJson
            from resultPath in NullablePaths
            from inputPath in NullablePaths
            from assign in optionalObject
            from comment in OptionalText
            select (State)new PassState { Next = t.Next, End = t.End, Result = result, Parameters = parameters, ResultPath = resultPath, InputPath = inputPath, Assign = assign, Comment = comment };
        var task =
            from t in transition
            from resource in Gen.OneOf("arn:aws:states:::lambda:invoke", "arn:aws:states:::aws-sdk:ssm:getParameter", "anything at all")
            from parameters in optionalJson
            from arguments in optionalJson
            from selector in optionalJson
            from timeout in Numbers
            from heartbeatPath in Gen.OneOf(Gen.Const((string?)null), Path.Select(p => (string?)p))
            from retries in retry
            from catches in @catch
            from credentials in optionalObject
            from output in optionalJson
            select (State)new TaskState
            {
                Resource = resource, Next = t.Next, End = t.End, Parameters = parameters, Arguments = arguments, ResultSelector = selector,
                TimeoutSeconds = timeout, HeartbeatSecondsPath = heartbeatPath, Retry = retries, Catch = catches, Credentials = credentials, Output = output,
            };
        var choice =
            from rules in Gen.Select(Conditions, Gen.OneOf(names), OptionalText, (c, n, comment) => new ChoiceRule { Condition = c, Next = n, Comment = comment }).Array[0, 3]
            from fallback in Gen.Frequency((1, Gen.Const((string?)null)), (2, next))
            from language in Gen.OneOf(Gen.Const((QueryLanguage?)null), Gen.Const<QueryLanguage?>(QueryLanguage.JSONata))
            select (State)new ChoiceState { Choices = ValueList.Create<ChoiceRule>(rules), Default = fallback, QueryLanguage = language };
        var wait =
            from t in transition
            from form in Gen.Int[0, 3]
            from seconds in Gen.Int[0, 100]
            select (State)(form switch
            {
                0 => new WaitState { Next = t.Next, End = t.End, Seconds = seconds },
                1 => new WaitState { Next = t.Next, End = t.End, SecondsPath = "$.seconds" },
                2 => new WaitState { Next = t.Next, End = t.End, Timestamp = "2026-01-02T03:04:05Z" },
                _ => new WaitState { Next = t.Next, End = t.End, TimestampPath = "$.until" },
            });
        var succeed = Gen.Select(NullablePaths, optionalJson, (outputPath, output) => (State)new SucceedState { OutputPath = outputPath, Output = output });
        var fail = Gen.Select(OptionalText, Gen.OneOf(Gen.Const((string?)null), Path.Select(p => (string?)p)), (error, causePath) => (State)new FailState { Error = error, CausePath = causePath });
        if (depth >= 2)
            return Gen.OneOf(pass, task, choice, wait, succeed, fail);

        var parallel =
            from t in transition
            from branches in Graphs(depth + 1).Array[1, 2]
            from retries in retry
            from catches in @catch
            from resultPath in NullablePaths
            select (State)new ParallelState { Next = t.Next, End = t.End, Branches = ValueList.Create<StateGraph>(branches), Retry = retries, Catch = catches, ResultPath = resultPath };
        var map =
            from t in transition
            from processor in Processors(depth + 1)
            from deprecated in Gen.Frequency((4, Gen.Const(false)), (1, Gen.Const(true)))
            from itemsPath in Gen.OneOf(Gen.Const((string?)null), Path.Select(p => (string?)p))
            from selector in optionalJson
            from concurrency in Numbers
            from percentage in Numbers
            from label in OptionalText
            from batch in Gen.Frequency((3, Gen.Const((ItemBatcher?)null)), (1, Gen.Int[1, 50].Select(n => (ItemBatcher?)new ItemBatcher { MaxItemsPerBatch = n, BatchInput = JsonObject.Empty })))
            select (State)new MapState
            {
                Next = t.Next, End = t.End, ItemProcessor = deprecated ? null : processor, Iterator = deprecated ? processor : null, ItemsPath = itemsPath,
                ItemSelector = selector, MaxConcurrency = concurrency, ToleratedFailurePercentage = percentage, Label = label, ItemBatcher = batch,
                ItemReader = processor.IsDistributed ? new ItemReader { Resource = "arn:aws:states:::s3:getObject", ReaderConfig = JsonObject.Create(("InputType", "JSON")) } : null,
            };
        return Gen.OneOf(pass, task, choice, wait, succeed, fail, parallel, map);
    }

    private static JsonObject ToObject((string, JsonValue)[] properties) =>
        JsonObject.Create(properties.Select(p => KeyValuePair.Create(p.Item1, p.Item2)));
}
