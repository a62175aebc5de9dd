using System.Text.Json;
using SageBuild.StateMachines.Conditions;
using SageBuild.StateMachines.Model;
using SageBuild.StateMachines.Validation;

namespace SageBuild.StateMachines.Json;

/// <summary>
/// Reads any ASL document into the model. It checks the schema as it goes (required, known and well-typed
/// fields) and reports every problem with its JSON pointer; graph-level rules are the validator's.
/// </summary>
internal sealed class AslReader
{
    private readonly List<DefinitionError> _errors = [];

    private AslReader()
    {
    }

    public static AslReadResult Read(string json)
    {
        JsonValue document;
        try
        {
            document = JsonValue.Parse(json);
        }
        catch (JsonException e)
        {
            return new AslReadResult(null, [new DefinitionError("", DefinitionErrorCodes.InvalidJson, $"the definition is not JSON: {e.Message}")]);
        }

        return Read(document);
    }

    public static AslReadResult Read(JsonValue document)
    {
        var reader = new AslReader();
        if (document is not JsonObject root)
        {
            reader._errors.Add(new DefinitionError("", DefinitionErrorCodes.SchemaValidationFailed, $"a definition is a JSON object, not {FieldReader.Describe(document)}"));
            return new AslReadResult(null, reader._errors);
        }

        var definition = reader.ReadDefinition(root);
        return new AslReadResult(definition, reader._errors);
    }

    private StateMachineDefinition? ReadDefinition(JsonObject root)
    {
        var fields = new FieldReader(root, "", _errors);
        var startAt = fields.String("StartAt", required: true);
        var states = ReadStates(fields);
        var definition = new StateMachineDefinition
        {
            StartAt = startAt ?? "",
            States = states,
            Comment = fields.String("Comment"),
            TimeoutSeconds = fields.Integer("TimeoutSeconds"),
            Version = fields.String("Version"),
            QueryLanguage = fields.Enum<QueryLanguage>("QueryLanguage"),
        };
        fields.RejectUnknownFields("a state machine");
        return startAt is null ? null : definition;
    }

    private StateGraph ReadGraph(JsonObject obj, string pointer, string owner)
    {
        var fields = new FieldReader(obj, pointer, _errors);
        var graph = new StateGraph
        {
            StartAt = fields.String("StartAt", required: true) ?? "",
            States = ReadStates(fields),
            Comment = fields.String("Comment"),
        };
        fields.RejectUnknownFields(owner);
        return graph;
    }

    private StateMap ReadStates(FieldReader fields)
    {
        var states = fields.Object("States", required: true);
        if (states is null)
            return StateMap.Empty;
        var pointer = fields.PointerTo("States");
        var read = new List<KeyValuePair<string, State>>(states.Count);
        foreach (var (name, value) in states)
        {
            var statePointer = JsonPointer.Append(pointer, name);
            if (value is not JsonObject stateObject)
            {
                _errors.Add(new DefinitionError(statePointer, DefinitionErrorCodes.SchemaValidationFailed, $"a state is a JSON object, not {FieldReader.Describe(value)}"));
                continue;
            }

            if (ReadState(stateObject, statePointer) is { } state)
                read.Add(new(name, state));
        }

        return StateMap.Create(read);
    }

    private State? ReadState(JsonObject obj, string pointer)
    {
        var fields = new FieldReader(obj, pointer, _errors);
        var typeName = fields.String("Type", required: true);
        if (typeName is null)
            return null;
        State? state = typeName switch
        {
            "Pass" => ReadPass(fields),
            "Task" => ReadTask(fields),
            "Choice" => ReadChoice(fields),
            "Wait" => ReadWait(fields),
            "Succeed" => ReadDataFlow(fields, new SucceedState()),
            "Fail" => ReadFail(fields),
            "Parallel" => ReadParallel(fields),
            "Map" => ReadMap(fields),
            _ => null,
        };
        if (state is null)
        {
            fields.Error(fields.PointerTo("Type"), $"\"{typeName}\" is not a state type: use Task, Pass, Choice, Wait, Succeed, Fail, Parallel or Map");
            return null;
        }

        fields.RejectUnknownFields($"a {typeName} state");
        return state;
    }

    private static T ReadCommon<T>(FieldReader fields, T state)
        where T : State => state with
        {
            Comment = fields.String("Comment"),
            QueryLanguage = fields.Enum<QueryLanguage>("QueryLanguage"),
        };

    private static T ReadDataFlow<T>(FieldReader fields, T state)
        where T : DataFlowState => ReadCommon(fields, state) with
        {
            InputPath = fields.NullablePath("InputPath"),
            OutputPath = fields.NullablePath("OutputPath"),
            Output = fields.Value("Output"),
            Assign = fields.Object("Assign"),
        };

    private static T ReadTransition<T>(FieldReader fields, T state)
        where T : TransitionState => ReadDataFlow(fields, state) with
        {
            Next = fields.String("Next"),
            End = fields.Boolean("End"),
        };

    private T ReadRetryable<T>(FieldReader fields, T state)
        where T : RetryableState => ReadTransition(fields, state) with
        {
            Parameters = fields.Value("Parameters"),
            Arguments = fields.Value("Arguments"),
            ResultSelector = fields.Value("ResultSelector"),
            ResultPath = fields.NullablePath("ResultPath"),
            Retry = ReadRetriers(fields),
            Catch = ReadCatchers(fields),
        };

    private static PassState ReadPass(FieldReader fields) => ReadTransition(fields, new PassState()) with
    {
        Result = fields.Value("Result"),
        Parameters = fields.Value("Parameters"),
        ResultPath = fields.NullablePath("ResultPath"),
    };

    private TaskState ReadTask(FieldReader fields) => ReadRetryable(fields, new TaskState { Resource = fields.String("Resource", required: true) ?? "" }) with
    {
        TimeoutSeconds = fields.NumberOrJsonata("TimeoutSeconds"),
        TimeoutSecondsPath = fields.String("TimeoutSecondsPath"),
        HeartbeatSeconds = fields.NumberOrJsonata("HeartbeatSeconds"),
        HeartbeatSecondsPath = fields.String("HeartbeatSecondsPath"),
        Credentials = fields.Object("Credentials"),
    };

    private static WaitState ReadWait(FieldReader fields) => ReadTransition(fields, new WaitState()) with
    {
        Seconds = fields.NumberOrJsonata("Seconds"),
        SecondsPath = fields.String("SecondsPath"),
        Timestamp = fields.String("Timestamp"),
        TimestampPath = fields.String("TimestampPath"),
    };

    private static FailState ReadFail(FieldReader fields) => ReadCommon(fields, new FailState()) with
    {
        Error = fields.String("Error"),
        ErrorPath = fields.String("ErrorPath"),
        Cause = fields.String("Cause"),
        CausePath = fields.String("CausePath"),
    };

    private ParallelState ReadParallel(FieldReader fields)
    {
        var branches = fields.Array("Branches", required: true) ?? JsonArray.Empty;
        var graphs = new List<StateGraph>(branches.Count);
        for (var i = 0; i < branches.Count; i++)
        {
            var pointer = JsonPointer.Append(fields.PointerTo("Branches"), i);
            if (branches[i] is JsonObject branch)
                graphs.Add(ReadGraph(branch, pointer, "a Parallel branch"));
            else
                fields.Error(pointer, $"a branch is an object with StartAt and States, not {FieldReader.Describe(branches[i])}");
        }

        return ReadRetryable(fields, new ParallelState { Branches = ValueList.From(graphs) });
    }

    private MapState ReadMap(FieldReader fields)
    {
        var map = ReadRetryable(fields, new MapState());
        var processor = ReadItemProcessor(fields, "ItemProcessor");
        var iterator = ReadItemProcessor(fields, "Iterator");
        return map with
        {
            ItemProcessor = processor,
            Iterator = iterator,
            ItemsPath = fields.String("ItemsPath"),
            Items = fields.Value("Items"),
            ItemSelector = fields.Value("ItemSelector"),
            ItemReader = fields.Object("ItemReader") is { } reader ? ReadItemReader(reader, fields.PointerTo("ItemReader")) : null,
            ItemBatcher = fields.Object("ItemBatcher") is { } batcher ? ReadItemBatcher(batcher, fields.PointerTo("ItemBatcher")) : null,
            ResultWriter = fields.Object("ResultWriter") is { } writer ? ReadResultWriter(writer, fields.PointerTo("ResultWriter")) : null,
            MaxConcurrency = fields.NumberOrJsonata("MaxConcurrency"),
            MaxConcurrencyPath = fields.String("MaxConcurrencyPath"),
            ToleratedFailurePercentage = fields.NumberOrJsonata("ToleratedFailurePercentage"),
            ToleratedFailurePercentagePath = fields.String("ToleratedFailurePercentagePath"),
            ToleratedFailureCount = fields.NumberOrJsonata("ToleratedFailureCount"),
            ToleratedFailureCountPath = fields.String("ToleratedFailureCountPath"),
            Label = fields.String("Label"),
        };
    }

    private ItemProcessor? ReadItemProcessor(FieldReader fields, string field)
    {
        if (fields.Object(field) is not { } processorObject)
            return null;
        var pointer = fields.PointerTo(field);
        var processorFields = new FieldReader(processorObject, pointer, _errors);
        var config = processorFields.Object("ProcessorConfig");
        var graph = ReadGraph(processorObject.Without("ProcessorConfig"), pointer, $"an {field}");
        return new ItemProcessor
        {
            StartAt = graph.StartAt,
            States = graph.States,
            Comment = graph.Comment,
            ProcessorConfig = config is null ? null : ReadProcessorConfig(config, processorFields.PointerTo("ProcessorConfig")),
        };
    }

    private ProcessorConfig ReadProcessorConfig(JsonObject obj, string pointer)
    {
        var fields = new FieldReader(obj, pointer, _errors);
        var config = new ProcessorConfig { Mode = fields.Enum<ProcessorMode>("Mode"), ExecutionType = fields.Enum<ExecutionType>("ExecutionType") };
        fields.RejectUnknownFields("a ProcessorConfig");
        return config;
    }

    private ItemReader ReadItemReader(JsonObject obj, string pointer)
    {
        var fields = new FieldReader(obj, pointer, _errors);
        var reader = new ItemReader
        {
            Resource = fields.String("Resource", required: true) ?? "",
            ReaderConfig = fields.Object("ReaderConfig"),
            Parameters = fields.Value("Parameters"),
            Arguments = fields.Value("Arguments"),
        };
        fields.RejectUnknownFields("an ItemReader");
        return reader;
    }

    private ItemBatcher ReadItemBatcher(JsonObject obj, string pointer)
    {
        var fields = new FieldReader(obj, pointer, _errors);
        var batcher = new ItemBatcher
        {
            MaxItemsPerBatch = fields.NumberOrJsonata("MaxItemsPerBatch"),
            MaxItemsPerBatchPath = fields.String("MaxItemsPerBatchPath"),
            MaxInputBytesPerBatch = fields.NumberOrJsonata("MaxInputBytesPerBatch"),
            MaxInputBytesPerBatchPath = fields.String("MaxInputBytesPerBatchPath"),
            BatchInput = fields.Value("BatchInput"),
        };
        fields.RejectUnknownFields("an ItemBatcher");
        return batcher;
    }

    private ResultWriter ReadResultWriter(JsonObject obj, string pointer)
    {
        var fields = new FieldReader(obj, pointer, _errors);
        var writer = new ResultWriter
        {
            Resource = fields.String("Resource"),
            Parameters = fields.Value("Parameters"),
            Arguments = fields.Value("Arguments"),
            WriterConfig = fields.Object("WriterConfig"),
        };
        fields.RejectUnknownFields("a ResultWriter");
        return writer;
    }

    private ChoiceState ReadChoice(FieldReader fields)
    {
        var choices = fields.Array("Choices", required: true) ?? JsonArray.Empty;
        var rules = new List<ChoiceRule>(choices.Count);
        for (var i = 0; i < choices.Count; i++)
        {
            var pointer = JsonPointer.Append(fields.PointerTo("Choices"), i);
            if (choices[i] is not JsonObject ruleObject)
            {
                fields.Error(pointer, $"a Choice rule is an object, not {FieldReader.Describe(choices[i])}");
                continue;
            }

            var ruleFields = new FieldReader(ruleObject, pointer, _errors);
            var next = ruleFields.String("Next", required: true);
            var assign = ruleFields.Object("Assign");
            var output = ruleFields.Value("Output");
            var comment = ruleFields.String("Comment");
            var condition = ReadCondition(ruleFields);
            ruleFields.RejectUnknownFields("a Choice rule");
            if (condition is not null)
                rules.Add(new ChoiceRule { Condition = condition, Next = next ?? "", Assign = assign, Output = output, Comment = comment });
        }

        return ReadDataFlow(fields, new ChoiceState { Choices = ValueList.From(rules) }) with { Default = fields.String("Default") };
    }

    /// <summary>Reads the boolean expression of a rule object; the caller has read Next and the other rule fields.</summary>
    private Condition? ReadCondition(FieldReader fields)
    {
        Condition? condition = null;
        var forms = 0;
        if (fields.Has("Condition"))
        {
            forms++;
            if (fields.String("Condition") is { } expression)
                condition = new JsonataCondition(expression);
        }

        if (fields.Has("And") || fields.Has("Or"))
        {
            foreach (var name in new[] { "And", "Or" })
            {
                if (!fields.Has(name))
                    continue;
                forms++;
                var operands = ReadOperands(fields, name);
                if (operands is not null)
                    condition = name == "And" ? new AndCondition(operands) : new OrCondition(operands);
            }
        }

        if (fields.Has("Not"))
        {
            forms++;
            if (fields.Object("Not") is { } inner)
            {
                var innerFields = new FieldReader(inner, fields.PointerTo("Not"), _errors);
                var operand = ReadCondition(innerFields);
                innerFields.RejectUnknownFields("a nested Choice rule");
                if (operand is not null)
                    condition = new NotCondition(operand);
            }
        }

        var variable = fields.String("Variable");
        foreach (var op in Enum.GetValues<ComparisonOperator>())
        {
            var name = op.ToString();
            if (!fields.Has(name))
                continue;
            forms++;
            var value = fields.Value(name)!;
            if (variable is null)
                fields.Error(fields.Pointer, $"the comparison '{name}' needs a 'Variable'");
            else
                condition = Condition.Comparison(variable, op, value);
        }

        if (variable is not null && forms == 0)
            fields.Error(fields.Pointer, $"the rule has a Variable but no comparison operator");
        if (forms == 0 && variable is null)
            fields.Error(fields.Pointer, "a Choice rule needs a comparison, And, Or, Not or a JSONata Condition");
        if (forms > 1)
        {
            fields.Error(fields.Pointer, "a Choice rule has exactly one of a comparison, And, Or, Not or Condition");
            return null;
        }

        return condition;
    }

    private ValueList<Condition>? ReadOperands(FieldReader fields, string name)
    {
        var array = fields.Array(name);
        if (array is null)
            return null;
        var operands = new List<Condition>(array.Count);
        for (var i = 0; i < array.Count; i++)
        {
            var pointer = JsonPointer.Append(fields.PointerTo(name), i);
            if (array[i] is not JsonObject operand)
            {
                fields.Error(pointer, $"a nested Choice rule is an object, not {FieldReader.Describe(array[i])}");
                continue;
            }

            var operandFields = new FieldReader(operand, pointer, _errors);
            if (ReadCondition(operandFields) is { } condition)
                operands.Add(condition);
            operandFields.RejectUnknownFields("a nested Choice rule");
        }

        if (array.Count == 0)
            fields.Error(fields.PointerTo(name), $"'{name}' needs at least one rule");
        return ValueList.From(operands);
    }

    private ValueList<Retrier>? ReadRetriers(FieldReader fields)
    {
        var array = fields.Array("Retry");
        if (array is null)
            return null;
        var retriers = new List<Retrier>(array.Count);
        for (var i = 0; i < array.Count; i++)
        {
            var pointer = JsonPointer.Append(fields.PointerTo("Retry"), i);
            if (array[i] is not JsonObject obj)
            {
                fields.Error(pointer, $"a Retrier is an object, not {FieldReader.Describe(array[i])}");
                continue;
            }

            var f = new FieldReader(obj, pointer, _errors);
            retriers.Add(new Retrier
            {
                ErrorEquals = f.StringList("ErrorEquals", required: true) ?? [],
                IntervalSeconds = f.Integer("IntervalSeconds"),
                MaxAttempts = f.Integer("MaxAttempts"),
                BackoffRate = f.Number("BackoffRate"),
                MaxDelaySeconds = f.Integer("MaxDelaySeconds"),
                JitterStrategy = f.Enum<JitterStrategy>("JitterStrategy"),
                Comment = f.String("Comment"),
            });
            f.RejectUnknownFields("a Retrier");
        }

        return ValueList.From(retriers);
    }

    private ValueList<Catcher>? ReadCatchers(FieldReader fields)
    {
        var array = fields.Array("Catch");
        if (array is null)
            return null;
        var catchers = new List<Catcher>(array.Count);
        for (var i = 0; i < array.Count; i++)
        {
            var pointer = JsonPointer.Append(fields.PointerTo("Catch"), i);
            if (array[i] is not JsonObject obj)
            {
                fields.Error(pointer, $"a Catcher is an object, not {FieldReader.Describe(array[i])}");
                continue;
            }

            var f = new FieldReader(obj, pointer, _errors);
            catchers.Add(new Catcher
            {
                ErrorEquals = f.StringList("ErrorEquals", required: true) ?? [],
                Next = f.String("Next", required: true) ?? "",
                ResultPath = f.NullablePath("ResultPath"),
                Assign = f.Object("Assign"),
                Output = f.Value("Output"),
                Comment = f.String("Comment"),
            });
            f.RejectUnknownFields("a Catcher");
        }

        return ValueList.From(catchers);
    }
}
