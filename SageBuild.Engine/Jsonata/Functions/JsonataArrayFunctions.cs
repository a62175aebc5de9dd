using SageBuild.Engine.Jsonata.Runtime;
using SageBuild.StateMachines.Json;

namespace SageBuild.Engine.Jsonata.Functions;

/// <summary>Array functions: <c>$count $append $sort $reverse $shuffle $distinct $zip</c>, and the helpers they share.</summary>
internal static class JsonataArrayFunctions
{
    /// <summary>JSONata's <c>$append</c>: undefined on one side gives the other; otherwise the two concatenated into a new array.</summary>
    public static object? Append(object? first, object? second)
    {
        if (first is null)
            return second;
        if (second is null)
            return first;
        var result = new JsonataSequence(JsonataValues.Count(first) + 1);
        if (JsonataValues.IsArray(first))
            result.AddRange(JsonataValues.Items(first));
        else
            result.Add(first);
        if (JsonataValues.IsArray(second))
            result.AddRange(JsonataValues.Items(second));
        else
            result.Add(second);
        return result;
    }

    public static object? Count(JsonataEvaluator evaluator, object? input, object?[] args) =>
        JsonNumber.From(args[0] is null ? 0 : JsonataValues.Count(args[0]));

    public static object? AppendFunction(JsonataEvaluator evaluator, object? input, object?[] args) => Append(args[0], args[1]);

    public static object? Reverse(JsonataEvaluator evaluator, object? input, object?[] args)
    {
        if (args[0] is null)
            return null;
        var items = JsonataValues.Items(args[0]);
        if (items.Count <= 1)
            return args[0];
        var result = new JsonataSequence(items.Count);
        for (var i = items.Count - 1; i >= 0; i--)
            result.Add(items[i]);
        return result;
    }

    public static object? Shuffle(JsonataEvaluator evaluator, object? input, object?[] args)
    {
        if (args[0] is null)
            return null;
        var items = JsonataValues.Items(args[0]);
        if (items.Count <= 1)
            return args[0];
        var result = new JsonataSequence(items.Count);
        result.AddRange(items);
        // Fisher-Yates, from the evaluation's random source so that a recorded seed reproduces it.
        for (var i = result.Count - 1; i > 0; i--)
        {
            var j = evaluator.Random.Next(i + 1);
            (result[i], result[j]) = (result[j], result[i]);
        }

        return result;
    }

    public static object? Distinct(JsonataEvaluator evaluator, object? input, object?[] args)
    {
        var array = args[0];
        if (array is null)
            return null;
        if (!JsonataValues.IsArray(array) || JsonataValues.Count(array) <= 1)
            return array;
        var result = array is JsonataSequence { IsSequence: true } ? JsonataSequence.Create() : new JsonataSequence();
        foreach (var item in JsonataValues.Items(array))
        {
            if (!result.Any(existing => JsonataValues.DeepEquals(existing, item)))
                result.Add(item);
        }

        return result;
    }

    public static object? Zip(JsonataEvaluator evaluator, object? input, object?[] args)
    {
        var result = new JsonataSequence();
        if (args.Length == 0)
            return result;
        var length = args.Min(a => a is null ? 0 : JsonataValues.Count(a));
        for (var i = 0; i < length; i++)
        {
            var tuple = new JsonataSequence(args.Length);
            foreach (var array in args)
                tuple.Add(JsonataValues.Item(array, i));
            result.Add(tuple);
        }

        return result;
    }

    public static object? Sort(JsonataEvaluator evaluator, object? input, object?[] args)
    {
        var array = args[0];
        if (array is null)
            return null;
        var items = JsonataValues.Items(array);
        if (items.Count <= 1)
            return array;
        Func<object?, object?, bool> swap;
        if (args.Length > 1 && args[1] is JsonataFunction comparator)
        {
            swap = (a, b) => JsonataValues.IsTruthy(evaluator.Apply(comparator, [a, b], null));
        }
        else
        {
            if (items.All(i => i is JsonNumber))
                swap = (a, b) => ((JsonNumber)a!).Value > ((JsonNumber)b!).Value;
            else if (items.All(i => i is JsonString))
                swap = (a, b) => string.CompareOrdinal(((JsonString)a!).Value, ((JsonString)b!).Value) > 0;
            else
                throw new JsonataRuntimeException("D3070", index: 1);
        }

        var sorted = MergeSort(items, swap);
        var result = new JsonataSequence(sorted.Count);
        result.AddRange(sorted);
        return result;
    }

    /// <summary>A stable merge sort; <paramref name="swap"/> says whether its first argument belongs after its second.</summary>
    public static List<object?> MergeSort(IReadOnlyList<object?> items, Func<object?, object?, bool> swap)
    {
        if (items.Count <= 1)
            return [.. items];
        var middle = items.Count / 2;
        var left = MergeSort(items.Take(middle).ToList(), swap);
        var right = MergeSort(items.Skip(middle).ToList(), swap);
        var result = new List<object?>(items.Count);
        int l = 0, r = 0;
        while (l < left.Count && r < right.Count)
        {
            if (swap(left[l], right[r]))
                result.Add(right[r++]);
            else
                result.Add(left[l++]);
        }

        while (l < left.Count)
            result.Add(left[l++]);
        while (r < right.Count)
            result.Add(right[r++]);
        return result;
    }
}
