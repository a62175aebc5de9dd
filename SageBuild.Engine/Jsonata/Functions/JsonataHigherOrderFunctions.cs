using SageBuild.Engine.Jsonata.Runtime;
using SageBuild.StateMachines.Json;

namespace SageBuild.Engine.Jsonata.Functions;

/// <summary><c>$map $filter $single $reduce</c>.</summary>
internal static class JsonataHigherOrderFunctions
{
    /// <summary>The value, then the index and the whole array if the function declares that many parameters.</summary>
    public static object?[] Arguments(object? function, object? value, object? index, object? array)
    {
        var arity = (function as JsonataFunction)?.Arity ?? 1;
        return arity switch
        {
            <= 1 => [value],
            2 => [value, index],
            _ => [value, index, array],
        };
    }

    public static object? Map(JsonataEvaluator evaluator, object? input, object?[] args)
    {
        if (args[0] is null)
            return null;
        var items = JsonataValues.Items(args[0]);
        var result = new JsonataSequence(items.Count) { IsSequence = true };
        for (var i = 0; i < items.Count; i++)
        {
            var res = evaluator.Apply(args[1], Arguments(args[1], items[i], JsonNumber.From(i), args[0]), null);
            if (res is not null)
                result.Add(res);
        }

        return result;
    }

    public static object? Filter(JsonataEvaluator evaluator, object? input, object?[] args)
    {
        if (args[0] is null)
            return null;
        var items = JsonataValues.Items(args[0]);
        var result = JsonataSequence.Create();
        for (var i = 0; i < items.Count; i++)
        {
            var res = evaluator.Apply(args[1], Arguments(args[1], items[i], JsonNumber.From(i), args[0]), null);
            if (JsonataValues.IsTruthy(res))
                result.Add(items[i]);
        }

        return result;
    }

    public static object? Single(JsonataEvaluator evaluator, object? input, object?[] args)
    {
        if (args[0] is null)
            return null;
        var items = JsonataValues.Items(args[0]);
        var function = args.Length > 1 ? args[1] : null;
        object? result = null;
        var found = false;
        for (var i = 0; i < items.Count; i++)
        {
            var positive = function is null || JsonataValues.IsTruthy(evaluator.Apply(function, Arguments(function, items[i], JsonNumber.From(i), args[0]), null));
            if (!positive)
                continue;
            if (found)
                throw new JsonataRuntimeException("D3138", index: i);
            result = items[i];
            found = true;
        }

        if (!found)
            throw new JsonataRuntimeException("D3139");
        return result;
    }

    public static object? Reduce(JsonataEvaluator evaluator, object? input, object?[] args)
    {
        if (args[0] is null)
            return null;
        var function = args[1];
        var arity = (function as JsonataFunction)?.Arity ?? 0;
        if (arity < 2)
            throw new JsonataRuntimeException("D3050", index: 1);
        var items = JsonataValues.Items(args[0]);
        var init = args.Length > 2 ? args[2] : null;
        object? result;
        int index;
        if (init is null && items.Count > 0)
        {
            result = items[0];
            index = 1;
        }
        else
        {
            result = init;
            index = 0;
        }

        for (; index < items.Count; index++)
        {
            object?[] callArgs = arity switch
            {
                2 => [result, items[index]],
                3 => [result, items[index], JsonNumber.From(index)],
                _ => [result, items[index], JsonNumber.From(index), args[0]],
            };
            result = evaluator.Apply(function, callArgs, null);
        }

        return result;
    }
}
