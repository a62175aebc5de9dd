using SageBuild.StateMachines.Json;

namespace SageBuild.Engine.Expressions.Intrinsics;

/// <summary>States.Array, ArrayPartition, ArrayContains, ArrayRange, ArrayGetItem, ArrayLength and ArrayUnique.</summary>
internal static class ArrayFunctions
{
    /// <summary>AWS caps States.ArrayRange at this many items.</summary>
    public const int MaxRangeItems = 1000;

    public static JsonValue Array(IntrinsicArguments args, IEvaluationScope scope) => JsonArray.Create(args.All);

    public static JsonValue Partition(IntrinsicArguments args, IEvaluationScope scope)
    {
        var array = args.Array(0);
        var size = args.Integer(1);
        if (size <= 0)
            throw args.Fail($"the chunk size must be a positive integer, not {size}");
        var chunks = new JsonValue[(array.Count + size - 1) / size];
        for (var i = 0; i < chunks.Length; i++)
        {
            var start = (int)(i * size);
            chunks[i] = array.Slice(start, (int)Math.Min(size, array.Count - start));
        }

        return JsonArray.Wrap(chunks);
    }

    public static JsonValue Contains(IntrinsicArguments args, IEvaluationScope scope)
    {
        var array = args.Array(0);
        var value = args[1];
        foreach (var item in array.AsSpan())
        {
            if (item.Equals(value))
                return JsonBoolean.True;
        }

        return JsonBoolean.False;
    }

    /// <summary>From the first to the last argument inclusive, by the step; an empty array when the step points away from the end.</summary>
    public static JsonValue Range(IntrinsicArguments args, IEvaluationScope scope)
    {
        long start = args.Int32(0);
        long end = args.Int32(1);
        long step = args.Int32(2);
        if (step == 0)
            throw args.Fail("the step (argument 3) must not be 0");
        var count = (end - start) / step + 1;
        if ((step > 0 && start > end) || (step < 0 && start < end))
            count = 0;
        if (count > MaxRangeItems)
            throw args.Fail($"the range would hold {count} items, more than the {MaxRangeItems} allowed");
        var items = new JsonValue[count];
        for (var i = 0; i < count; i++)
            items[i] = JsonNumber.From(start + (i * step));
        return JsonArray.Wrap(items);
    }

    public static JsonValue GetItem(IntrinsicArguments args, IEvaluationScope scope)
    {
        var array = args.Array(0);
        var index = args.Integer(1);
        if (index < 0 || index >= array.Count)
            throw args.Fail($"the index {index} is outside the array, which has {array.Count} items");
        return array[(int)index];
    }

    public static JsonValue Length(IntrinsicArguments args, IEvaluationScope scope) => JsonNumber.From(args.Array(0).Count);

    /// <summary>The array without repeats, each value where it first appears.</summary>
    public static JsonValue Unique(IntrinsicArguments args, IEvaluationScope scope)
    {
        var array = args.Array(0);
        var seen = new HashSet<JsonValue>(array.Count);
        var unique = new List<JsonValue>(array.Count);
        foreach (var item in array.AsSpan())
        {
            if (seen.Add(item))
                unique.Add(item);
        }

        return unique.Count == array.Count ? array : JsonArray.Wrap([.. unique]);
    }
}
