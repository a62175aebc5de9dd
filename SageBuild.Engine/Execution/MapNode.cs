using SageBuild.Engine.Expressions;
using SageBuild.Engine.History;
using SageBuild.Engine.Jsonata;
using SageBuild.Engine.Preparation;
using SageBuild.StateMachines.Json;
using SageBuild.StateMachines.Model;

namespace SageBuild.Engine.Execution;

/// <summary>
/// Map: runs its item processor once per item, at most MaxConcurrency at a time (0: no limit). Inline iterations write
/// their events into the execution's history; a DISTRIBUTED Map runs each item as a child execution whose events stay
/// out of the parent's history (as AWS keeps them), with MapRun events in their place.
/// </summary>
internal sealed partial class MapNode : RetryableNode
{
    private readonly PreparedGraph _processor;
    private readonly bool _distributed;
    private readonly PathExpression? _itemsPath;
    private readonly JsonArray? _items;
    private readonly PreparedTemplate? _itemSelector;
    private readonly MapSettings _settings;
    private readonly Batcher? _batcher;
    private readonly string? _label;
    private readonly MapItemReader? _reader;
    private readonly MapResultWriter? _writer;
    private readonly JsonataValueField? _jsonataItems;
    private readonly JsonataTemplate? _jsonataItemSelector;
    private readonly JsonataTemplate? _jsonataItemsArray;

    public MapNode(string name, MapState state, Func<string, int> indexOf, PreparedGraph processor, bool jsonata = false)
        : base(name, state, HistoryEventType.MapStateEntered, HistoryEventType.MapStateExited, indexOf, jsonata)
    {
        _processor = processor;
        _distributed = state.Processor?.IsDistributed == true;
        _itemsPath = state.ItemsPath is { } itemsPath && itemsPath != "$" ? PathExpression.Compile(itemsPath) : null;
        _items = state.Items as JsonArray;
        if (jsonata)
        {
            _jsonataItems = state.Items is JsonString items ? JsonataValueField.From(items.Value, "Items") : null;
            // A literal array may hold expressions of its own ([1, "{% $number('2') %}", 3]).
            if (state.Items is JsonArray array && JsonataFields.Template(array, "Items") is { IsConstant: false } template)
            {
                _items = null;
                _jsonataItemsArray = template;
            }
            _jsonataItemSelector = JsonataFields.Template(state.ItemSelector, "ItemSelector");
        }
        else
        {
            // Parameters is the pre-2023 spelling of ItemSelector on a Map.
            _itemSelector = PreparedTemplate.CompileOptional(state.ItemSelector ?? state.Parameters);
        }

        _settings = new MapSettings(state, jsonata);
        _batcher = state.ItemBatcher is { } batcher ? new Batcher(batcher, jsonata) : null;
        _label = state.Label;
        _reader = state.ItemReader is { } reader ? new MapItemReader(name, reader) : null;
        _writer = state.ResultWriter is { } writer ? new MapResultWriter(name, writer) : null;
    }

    public override async ValueTask<StepResult> ExecuteAsync(RunFrame frame, JsonValue input)
    {
        Enter(frame, input);
        JsonValue[] itemInputs;
        JsonValue effective;
        int maxConcurrency;
        int itemCount;
        try
        {
            effective = InputPath.Select(frame, input);
            var items = _reader is null ? Items(frame, effective) : await _reader.ReadAsync(frame, effective).ConfigureAwait(false);
            itemCount = items.Count;
            maxConcurrency = _settings.MaxConcurrency(frame, effective);
            itemInputs = ItemInputs(frame, effective, items);
        }
        catch (StatesErrorException e)
        {
            return Fail(frame, input, FromException(frame, e));
        }
        catch (QueryEvaluationException e)
        {
            // As recorded (test_map_state_items_eval_jsonata_fail): EvaluationFailed, then MapStateFailed.
            var failure = EvaluationFailed(frame, e);
            frame.Emit(HistoryEventType.MapStateFailed, null);
            return Fail(frame, input, failure);
        }

        var attempts = new int[Retry.Count];
        while (true)
        {
            var started = frame.Emit(HistoryEventType.MapStateStarted, new MapStateStartedEventDetails(itemInputs.Length));
            // The tolerated failures are the Map Run's settings: AWS reads them after MapStateStarted, and a bad value
            // fails the state there, with no MapStateFailed (test_map_state_tolerated_failure_count_path[-1]).
            int toleratedCount;
            double toleratedPercentage;
            try
            {
                toleratedCount = _settings.ToleratedFailureCount(frame, effective);
                toleratedPercentage = _settings.ToleratedFailurePercentage(frame, effective);
            }
            catch (StatesErrorException e)
            {
                return Fail(frame, input, FromException(frame, e));
            }
            catch (QueryEvaluationException e)
            {
                return Fail(frame, input, EvaluationFailed(frame, e));
            }

            var mapRunArn = _distributed ? MapRunArn(frame) : null;
            var mapRunStarted = 0L;
            MapRunFacts? facts = null;
            if (mapRunArn is not null)
            {
                // Recorded with the Map Run (one object per Map Run), so DescribeMapRun shows the evaluated values once
                // it has ended and after a restart; GetExecutionHistory shows only the ARN, as AWS does.
                facts = new MapRunFacts(new Api.MapRunSettings(maxConcurrency, toleratedCount, toleratedPercentage), itemCount, _writer is not null);
                mapRunStarted = frame.Emit(HistoryEventType.MapRunStarted, new MapRunStartedEventDetails(mapRunArn, facts));
                // Durable before any child is stored: the children's names derive from this event's id, so a resumed
                // run must find it recorded (ids of events computed again could differ beside a concurrent branch).
                await frame.CommitAsync().ConfigureAwait(false);
            }
            var run = await RunIterationsAsync(frame, started, mapRunArn, mapRunStarted, facts, itemInputs, maxConcurrency, toleratedCount, toleratedPercentage).ConfigureAwait(false);
            if (run.Outcome.Kind == StepKind.Aborted)
                return run.Outcome;
            if (run.Outcome.Kind == StepKind.Failed)
            {
                if (_distributed)
                    frame.Emit(HistoryEventType.MapRunFailed, new ErrorEventDetails(run.Outcome.Failure!.Error, run.Outcome.Failure.Cause));
                if (await RetryAsync(frame, run.Outcome.Failure!, attempts).ConfigureAwait(false))
                    continue;
                if (frame.IsAborting)
                    return StepResult.Aborted();
                frame.Emit(HistoryEventType.MapStateFailed, null);
                return Fail(frame, input, run.Outcome.Failure!);
            }

            JsonValue result = JsonArray.Wrap(run.Outputs!);
            if (_writer is not null)
            {
                try
                {
                    result = await _writer.WriteAsync(frame, effective, mapRunArn!, run.Children!).ConfigureAwait(false);
                }
                catch (StatesErrorException e)
                {
                    frame.Emit(HistoryEventType.MapRunFailed, new ErrorEventDetails(e.Error.Error, e.Error.Cause));
                    frame.Emit(HistoryEventType.MapStateFailed, null);
                    return Fail(frame, input, FromException(frame, e));
                }
                catch (QueryEvaluationException e)
                {
                    var failure = EvaluationFailed(frame, e);
                    frame.Emit(HistoryEventType.MapRunFailed, new ErrorEventDetails(failure.Error, failure.Cause));
                    frame.Emit(HistoryEventType.MapStateFailed, null);
                    return Fail(frame, input, failure);
                }
            }

            if (_distributed)
                frame.Emit(HistoryEventType.MapRunSucceeded, null);
            frame.Emit(HistoryEventType.MapStateSucceeded, null, updateSource: false);
            return Complete(frame, input, result);
        }
    }

    private JsonArray Items(RunFrame frame, JsonValue effective)
    {
        if (_items is not null)
            return _items;
        if (IsJsonata)
            return JsonataItems(frame, effective);
        var value = effective;
        if (_itemsPath is not null && !frame.TrySelect(_itemsPath, effective, out value))
            throw new StatesErrorException(ErrorNames.Runtime, $"Invalid path '{_itemsPath.Text}' : No results for path: {PreparedPath.Normalise(_itemsPath.Text)}");
        return value as JsonArray ?? throw new StatesErrorException(ErrorNames.Runtime,
            $"Item path {_itemsPath?.Text ?? "$"} must point to a JSON array, but it points to {value.Kind.ToString().ToLowerInvariant()}: {value.ToJson()}");
    }

    /// <summary>JSONata: Items (an expression that must give an array), else the input, which must be one.</summary>
    private JsonArray JsonataItems(RunFrame frame, JsonValue input)
    {
        if (_jsonataItemsArray is not null)
            return (JsonArray)JsonataFields.Evaluate(_jsonataItemsArray, JsonataFields.Bindings(frame, input));
        if (_jsonataItems is null)
            return input as JsonArray ?? throw new QueryEvaluationException(null, $"Map state input must be an array but was: {input.ToJson()}");
        var value = _jsonataItems.Evaluate(JsonataFields.Bindings(frame, input));
        return value as JsonArray ?? throw _jsonataItems.Unexpected("array", value);
    }

    private JsonValue[] ItemInputs(RunFrame frame, JsonValue effective, JsonArray items)
    {
        var inputs = new JsonValue[items.Count];
        if (_jsonataItemSelector is not null)
        {
            try
            {
                // $states.context.Map.Item.{Index,Value} name the item; $states.input is the Map's input.
                for (var i = 0; i < inputs.Length; i++)
                {
                    frame.MapItemIndex = i;
                    frame.MapItemValue = items[i];
                    inputs[i] = JsonataFields.Evaluate(_jsonataItemSelector, JsonataFields.Bindings(frame, effective));
                }
            }
            finally
            {
                frame.MapItemIndex = -1;
                frame.MapItemValue = null;
            }
        }
        else if (_itemSelector is null)
        {
            items.AsSpan().CopyTo(inputs);
        }
        else
        {
            try
            {
                for (var i = 0; i < inputs.Length; i++)
                {
                    frame.MapItemIndex = i;
                    frame.MapItemValue = items[i];
                    inputs[i] = _itemSelector.Evaluate(frame, effective);
                }
            }
            finally
            {
                frame.MapItemIndex = -1;
                frame.MapItemValue = null;
            }
        }

        return _batcher is null ? inputs : _batcher.Batch(frame, effective, inputs);
    }

    private string MapRunArn(RunFrame frame)
    {
        var settings = frame.Run.Settings;
        Span<byte> bytes = stackalloc byte[8];
        frame.Random.NextBytes(bytes);
        // Resuming, the Map Run keeps the ARN it was recorded with (its ResultWriter's prefix, among others), whatever
        // the draw gives; the draw is still made, so the random source goes on as it did.
        if (frame.PeekRecorded() is { Type: HistoryEventType.MapRunStarted, Details: MapRunStartedEventDetails recorded })
            return recorded.MapRunArn;
        var id = Convert.ToHexStringLower(bytes);
        var executionName = frame.Run.Record.Name;
        return $"arn:aws:states:{settings.Region}:{settings.AccountId}:mapRun:{settings.StateMachineName}/{_label ?? Name}:{executionName}-{id}";
    }
}
