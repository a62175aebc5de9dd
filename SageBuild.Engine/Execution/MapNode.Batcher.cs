using SageBuild.Engine.Expressions;
using SageBuild.StateMachines.Json;
using SageBuild.StateMachines.Model;

namespace SageBuild.Engine.Execution;

internal sealed partial class MapNode
{
    /// <summary>ItemBatcher: groups item inputs into <c>{"BatchInput": ..., "Items": [...]}</c> by count and by size.</summary>
    private sealed class Batcher
    {
        private readonly int? _maxItems;
        private readonly Expressions.PathExpression? _maxItemsPath;
        private readonly int? _maxBytes;
        private readonly Expressions.PathExpression? _maxBytesPath;
        private readonly PreparedTemplate? _batchInput;
        private readonly JsonataValueField? _jsonataMaxItems;
        private readonly JsonataValueField? _jsonataMaxBytes;
        private readonly Jsonata.JsonataTemplate? _jsonataBatchInput;

        public Batcher(ItemBatcher batcher, bool jsonata)
        {
            if (jsonata)
            {
                _jsonataMaxItems = JsonataValueField.From(batcher.MaxItemsPerBatch, "ItemBatcher/MaxItemsPerBatch");
                _jsonataMaxBytes = JsonataValueField.From(batcher.MaxInputBytesPerBatch, "ItemBatcher/MaxInputBytesPerBatch");
                _jsonataBatchInput = JsonataFields.Template(batcher.BatchInput, "ItemBatcher/BatchInput");
                return;
            }

            _maxItems = batcher.MaxItemsPerBatch?.Number is { } n ? (int)n : null;
            _maxItemsPath = batcher.MaxItemsPerBatchPath is { } p ? Expressions.PathExpression.Compile(p) : null;
            _maxBytes = batcher.MaxInputBytesPerBatch?.Number is { } b ? (int)b : null;
            _maxBytesPath = batcher.MaxInputBytesPerBatchPath is { } q ? Expressions.PathExpression.Compile(q) : null;
            _batchInput = PreparedTemplate.CompileOptional(batcher.BatchInput);
        }

        public JsonValue[] Batch(RunFrame frame, JsonValue effective, JsonValue[] items)
        {
            int maxItems, maxBytes;
            JsonValue? batchInput;
            if (_jsonataMaxItems is not null || _jsonataMaxBytes is not null || _jsonataBatchInput is not null)
            {
                var bindings = JsonataFields.Bindings(frame, effective);
                maxItems = JsonataLimit(_jsonataMaxItems, bindings) ?? int.MaxValue;
                maxBytes = JsonataLimit(_jsonataMaxBytes, bindings) ?? PayloadLimit.MaxBytes;
                batchInput = _jsonataBatchInput is null ? null : JsonataFields.Evaluate(_jsonataBatchInput, bindings);
            }
            else
            {
                maxItems = Limit(frame, effective, _maxItems, _maxItemsPath, "MaxItemsPerBatchPath") ?? int.MaxValue;
                maxBytes = Limit(frame, effective, _maxBytes, _maxBytesPath, "MaxInputBytesPerBatchPath") ?? PayloadLimit.MaxBytes;
                batchInput = _batchInput is null ? null : _batchInput.Evaluate(frame, effective);
            }

            var batches = new List<JsonValue>();
            var current = new List<JsonValue>();
            var bytes = 0;
            foreach (var item in items)
            {
                var size = item.Utf8Length() + 1;
                if (current.Count > 0 && (current.Count >= maxItems || bytes + size > maxBytes))
                {
                    batches.Add(MakeBatch(batchInput, current));
                    current = [];
                    bytes = 0;
                }

                current.Add(item);
                bytes += size;
            }

            if (current.Count > 0)
                batches.Add(MakeBatch(batchInput, current));
            return [.. batches];
        }

        private static JsonObject MakeBatch(JsonValue? batchInput, List<JsonValue> items)
        {
            var batch = new JsonObjectBuilder(2);
            if (batchInput is not null)
                batch.Set("BatchInput", batchInput);
            batch.Set("Items", JsonArray.Wrap([.. items]));
            return batch.Build();
        }

        private static int? JsonataLimit(JsonataValueField? field, Jsonata.JsonataBindings bindings)
        {
            if (field is null)
                return null;
            var value = field.Evaluate(bindings);
            if (value is not JsonNumber n)
                throw field.Unexpected("number", value);
            return n.TryGetInt64(out var whole) && whole is > 0 and <= int.MaxValue ? (int)whole : throw field.OutOfRange("be a positive integer", value);
        }

        private static int? Limit(RunFrame frame, JsonValue input, int? literal, Expressions.PathExpression? path, string field)
        {
            if (path is null)
                return literal is > 0 ? literal : null;
            var found = frame.TrySelect(path, input, out var value);
            if (found && value is JsonNumber n && n.TryGetInt64(out var whole) && whole > 0 && whole <= int.MaxValue)
                return (int)whole;
            throw new StatesErrorException(ErrorNames.Runtime, $"The {field} field refers to value \"{(found ? value!.ToJson() : "null")}\" which is not a valid positive integer: {path.Text}");
        }
    }
}
