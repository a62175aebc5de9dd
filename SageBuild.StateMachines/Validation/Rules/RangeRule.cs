using System.Globalization;
using SageBuild.StateMachines.Json;
using SageBuild.StateMachines.Model;

namespace SageBuild.StateMachines.Validation.Rules;

/// <summary>
/// Literal numbers within the ranges AWS accepts: timeouts and intervals are positive whole seconds,
/// counts are whole and not negative, BackoffRate is at least 1 and percentages lie between 0 and 100.
/// JSONata expressions in these fields are checked when they are evaluated, not here.
/// </summary>
internal sealed class RangeRule : IDefinitionRule
{
    // The largest number of seconds (about three years) that AWS accepts in a timeout, a wait or a retry interval.
    private const double MaxSeconds = 99_999_999;

    // A batch is sent as one payload, and AWS's payload limit is 256 KiB.
    private const double MaxBatchBytes = 262_144;

    public void Check(StateMachineDefinition definition, ICollection<DefinitionError> errors)
    {
        var check = new Checker(errors);
        if (definition.TimeoutSeconds is { } total)
            check.Whole("/TimeoutSeconds", "TimeoutSeconds", total, 1, MaxSeconds);

        foreach (var location in DefinitionWalker.States(definition))
        {
            switch (location.State)
            {
                case TaskState task:
                    CheckTask(task, location, check);
                    break;
                case WaitState { Seconds.Number: { } seconds }:
                    check.Whole(location.PointerTo("Seconds"), "Seconds", seconds, 0, MaxSeconds);
                    break;
                case MapState map:
                    CheckMap(map, location, check);
                    break;
            }

            if (location.State is RetryableState { Retry: { } retry })
            {
                for (var i = 0; i < retry.Count; i++)
                    CheckRetrier(retry[i], JsonPointer.Append(location.PointerTo("Retry"), i), check);
            }
        }
    }

    private static void CheckTask(TaskState task, StateLocation location, Checker check)
    {
        var timeoutOk = task.TimeoutSeconds?.Number is { } timeout && check.Whole(location.PointerTo("TimeoutSeconds"), "TimeoutSeconds", timeout, 1, MaxSeconds);
        var heartbeatOk = task.HeartbeatSeconds?.Number is { } heartbeat && check.Whole(location.PointerTo("HeartbeatSeconds"), "HeartbeatSeconds", heartbeat, 1, MaxSeconds);
        if (timeoutOk && heartbeatOk && task.HeartbeatSeconds!.Value.Number >= task.TimeoutSeconds!.Value.Number)
        {
            check.Error(location.PointerTo("HeartbeatSeconds"),
                $"HeartbeatSeconds ({Text(task.HeartbeatSeconds.Value.Number!.Value)}) must be smaller than TimeoutSeconds ({Text(task.TimeoutSeconds.Value.Number!.Value)}): a heartbeat that never comes before the timeout can never help");
        }
    }

    private static void CheckRetrier(Retrier retrier, string pointer, Checker check)
    {
        if (retrier.IntervalSeconds is { } interval)
            check.Whole(JsonPointer.Append(pointer, "IntervalSeconds"), "IntervalSeconds", interval, 1, MaxSeconds);
        if (retrier.MaxAttempts is { } attempts)
            check.Whole(JsonPointer.Append(pointer, "MaxAttempts"), "MaxAttempts", attempts, 0, MaxSeconds);
        if (retrier.MaxDelaySeconds is { } delay)
            check.Whole(JsonPointer.Append(pointer, "MaxDelaySeconds"), "MaxDelaySeconds", delay, 1, MaxSeconds);
        if (retrier.BackoffRate is { } rate && !(rate >= 1.0))
        {
            check.Error(JsonPointer.Append(pointer, "BackoffRate"),
                $"BackoffRate must be at least 1.0, not {Text(rate)}: it multiplies the interval after each attempt, and a smaller rate would shrink it");
        }
    }

    private static void CheckMap(MapState map, StateLocation location, Checker check)
    {
        if (map.MaxConcurrency?.Number is { } concurrency)
            check.Whole(location.PointerTo("MaxConcurrency"), "MaxConcurrency", concurrency, 0, double.MaxValue);
        if (map.ToleratedFailureCount?.Number is { } count)
            check.Whole(location.PointerTo("ToleratedFailureCount"), "ToleratedFailureCount", count, 0, double.MaxValue);
        if (map.ToleratedFailurePercentage?.Number is { } percentage && percentage is not (>= 0 and <= 100))
        {
            check.Error(location.PointerTo("ToleratedFailurePercentage"),
                $"ToleratedFailurePercentage is a percentage between 0 and 100, not {Text(percentage)}");
        }

        if (map.ItemBatcher is { } batcher)
        {
            var pointer = location.PointerTo("ItemBatcher");
            if (batcher.MaxItemsPerBatch?.Number is { } items)
                check.Whole(JsonPointer.Append(pointer, "MaxItemsPerBatch"), "MaxItemsPerBatch", items, 1, double.MaxValue);
            if (batcher.MaxInputBytesPerBatch?.Number is { } bytes)
                check.Whole(JsonPointer.Append(pointer, "MaxInputBytesPerBatch"), "MaxInputBytesPerBatch", bytes, 1, MaxBatchBytes);
        }

        if (map.ItemReader?.ReaderConfig is { } config && config.TryGetValue("MaxItems", out var maxItems) && maxItems is JsonNumber n)
            check.Whole(JsonPointer.Append(JsonPointer.Append(location.PointerTo("ItemReader"), "ReaderConfig"), "MaxItems"), "MaxItems", n.Value, 1, 100_000_000);
    }

    private static string Text(double value) => value.ToString(CultureInfo.InvariantCulture);

    private readonly struct Checker(ICollection<DefinitionError> errors)
    {
        public void Error(string pointer, string message) =>
            errors.Add(new DefinitionError(pointer, DefinitionErrorCodes.SchemaValidationFailed, message));

        /// <summary>Reports a value that is not a whole number in [min, max]; true when it is fine.</summary>
        public bool Whole(string pointer, string field, double value, double min, double max)
        {
            if (value != Math.Floor(value) || double.IsInfinity(value))
            {
                Error(pointer, $"{field} must be a whole number, not {Text(value)}");
                return false;
            }

            if (value < min || value > max)
            {
                var range = max == double.MaxValue
                    ? $"at least {Text(min)}"
                    : $"between {Text(min)} and {Text(max)}";
                Error(pointer, $"{field} must be {range}, not {Text(value)}");
                return false;
            }

            return true;
        }
    }
}
