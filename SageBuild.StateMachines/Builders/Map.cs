using SageBuild.StateMachines.Iam;
using SageBuild.StateMachines.Model;
using SageBuild.StateMachines.Validation;

namespace SageBuild.StateMachines.Builders;

/// <summary>A Map state: runs its item processor once per item, inline or as a distributed map run.</summary>
public sealed class Map : RetryableStateNode
{
    private readonly MapOptions _options;
    private StateNode? _processor;

    /// <summary>A Map state named <paramref name="name"/>; give it its processor with <see cref="ItemProcessor"/>.</summary>
    public Map(string name, MapOptions? options = null)
        : base(name, options ?? new MapOptions()) => _options = options ?? new MapOptions();

    /// <inheritdoc />
    public override StateType Type => StateType.Map;

    /// <inheritdoc />
    public override QueryLanguage? QueryLanguage => _options.QueryLanguage;

    private bool IsDistributed => _options.Mode == ProcessorMode.DISTRIBUTED;

    /// <summary>The states run for each item.</summary>
    /// <exception cref="InvalidOperationException">The Map already has a processor.</exception>
    public Map ItemProcessor(IChainable processor)
    {
        ArgumentNullException.ThrowIfNull(processor);
        if (_processor is not null)
            throw new InvalidOperationException($"{this} already has an item processor starting at '{_processor.Name}'");
        _processor = processor.StartState;
        return this;
    }

    internal override IEnumerable<StateNode> ChildGraphStarts => _processor is null ? [] : [_processor];

    internal override State Render(StateRenderContext context)
    {
        ItemProcessor? processor = null;
        if (_processor is null)
        {
            context.Error("ItemProcessor", DefinitionErrorCodes.SchemaValidationFailed, $"{this} has no item processor: give it one with ItemProcessor(...)");
        }
        else
        {
            var (startAt, states) = context.Compiler.CompileGraph(_processor, context.PointerTo("ItemProcessor"));
            var config = _options.Mode is null && _options.ExecutionType is null ? null : new ProcessorConfig
            {
                Mode = _options.Mode,
                ExecutionType = _options.ExecutionType ?? (IsDistributed ? ExecutionType.STANDARD : null),
            };
            processor = new ItemProcessor { StartAt = startAt, States = states, ProcessorConfig = config };
        }

        CheckDistributedOnly(context);
        context.RequireLanguage(_options.ItemsPath is not null, "ItemsPath", Model.QueryLanguage.JSONPath, "a JSONata Map takes its items from Items");
        context.RequireLanguage(_options.Items is not null, "Items", Model.QueryLanguage.JSONata, "a JSONPath Map takes its items from ItemsPath");
        var (maxConcurrency, maxConcurrencyPath) = context.Number(_options.MaxConcurrency, "MaxConcurrency");
        var (percentage, percentagePath) = context.Number(_options.ToleratedFailurePercentage, "ToleratedFailurePercentage");
        var (count, countPath) = context.Number(_options.ToleratedFailureCount, "ToleratedFailureCount");
        return ApplyResult(new MapState(), _options, context) with
        {
            ItemProcessor = processor,
            ItemsPath = _options.ItemsPath,
            Items = context.Render(_options.Items, "Items"),
            ItemSelector = context.RenderObject(_options.ItemSelector, "ItemSelector"),
            ItemReader = RenderItemReader(context),
            ItemBatcher = RenderItemBatcher(context),
            ResultWriter = _options.ResultWriter is { } writer ? RenderResultWriter(writer, context) : null,
            MaxConcurrency = maxConcurrency,
            MaxConcurrencyPath = maxConcurrencyPath,
            ToleratedFailurePercentage = percentage,
            ToleratedFailurePercentagePath = percentagePath,
            ToleratedFailureCount = count,
            ToleratedFailureCountPath = countPath,
            Label = _options.Label,
        };
    }

    private void CheckDistributedOnly(StateRenderContext context)
    {
        if (IsDistributed)
            return;
        foreach (var (isSet, field) in new[]
                 {
                     (_options.ItemReader is not null, "ItemReader"), (_options.ItemBatcher is not null, "ItemBatcher"),
                     (_options.ResultWriter is not null, "ResultWriter"), (_options.ToleratedFailurePercentage is not null, "ToleratedFailurePercentage"),
                     (_options.ToleratedFailureCount is not null, "ToleratedFailureCount"), (_options.Label is not null, "Label"),
                 })
        {
            if (isSet)
                context.Error(field, DefinitionErrorCodes.SchemaValidationFailed, $"{field} needs a distributed Map: set MapOptions.Mode to DISTRIBUTED");
        }
    }

    private Model.ItemReader? RenderItemReader(StateRenderContext context)
    {
        if (_options.ItemReader is not { } reader)
            return null;
        var inner = new StateRenderContext(context.PointerTo("ItemReader"), context.Language, context.Compiler);
        var (config, maxItems) = reader.Config();
        if (maxItems is { } max)
        {
            var (value, path) = new StateRenderContext(inner.PointerTo("ReaderConfig"), context.Language, context.Compiler).Number(max, "MaxItems");
            var builder = new Json.JsonObjectBuilder();
            foreach (var (key, v) in config ?? Json.JsonObject.Empty)
                builder.Set(key, v);
            if (value is { } n)
                builder.Set("MaxItems", n.Expression is { } e ? Json.JsonString.From(e) : Json.JsonNumber.From(n.Number!.Value));
            if (path is not null)
                builder.Set("MaxItemsPath", path);
            config = builder.Build();
        }

        var parameters = inner.RenderObject(reader.Parameters(), context.IsJsonata ? "Arguments" : "Parameters");
        return new Model.ItemReader
        {
            Resource = reader.Resource,
            ReaderConfig = config,
            Parameters = context.IsJsonata ? null : parameters,
            Arguments = context.IsJsonata ? parameters : null,
        };
    }

    private Model.ItemBatcher? RenderItemBatcher(StateRenderContext context)
    {
        if (_options.ItemBatcher is not { } batcher)
            return null;
        var inner = new StateRenderContext(context.PointerTo("ItemBatcher"), context.Language, context.Compiler);
        var (items, itemsPath) = inner.Number(batcher.MaxItemsPerBatch, "MaxItemsPerBatch");
        var (bytes, bytesPath) = inner.Number(batcher.MaxInputBytesPerBatch, "MaxInputBytesPerBatch");
        return new Model.ItemBatcher
        {
            MaxItemsPerBatch = items,
            MaxItemsPerBatchPath = itemsPath,
            MaxInputBytesPerBatch = bytes,
            MaxInputBytesPerBatchPath = bytesPath,
            BatchInput = inner.RenderObject(batcher.BatchInput, "BatchInput"),
        };
    }

    private static Model.ResultWriter RenderResultWriter(ResultWriterOptions writer, StateRenderContext context)
    {
        var inner = new StateRenderContext(context.PointerTo("ResultWriter"), context.Language, context.Compiler);
        var parameters = inner.RenderObject(writer.Parameters(), context.IsJsonata ? "Arguments" : "Parameters");
        return new Model.ResultWriter
        {
            Resource = ResultWriterOptions.Resource,
            Parameters = context.IsJsonata ? null : parameters,
            Arguments = context.IsJsonata ? parameters : null,
            WriterConfig = writer.WriterConfig,
        };
    }

    internal override IEnumerable<PolicyStatement> PolicyStatements()
    {
        if (!IsDistributed)
            yield break;

        // A distributed map runs each batch as a child execution of this same state machine.
        yield return PolicyStatement.Allow(Arn.StateMachine(ArnContext.StateMachineNameToken), "states:StartExecution");
        yield return PolicyStatement.Allow(Arn.Executions(ArnContext.StateMachineNameToken), "states:DescribeExecution", "states:StopExecution");
        if (_options.ItemReader is { } reader)
            yield return reader.Policy();
        if (_options.ResultWriter is { } writer)
            yield return writer.Policy();
    }
}
