using SageBuild.Engine.Jsonata.Runtime;
using SageBuild.StateMachines.Jsonata;

namespace SageBuild.Engine.Jsonata;

/// <summary>Location paths: steps over sequences, predicates, tuple streams for focus/index/parent bindings, group-by and order-by.</summary>
internal sealed partial class JsonataEvaluator
{
    private object? EvaluatePath(JsonataNode expr, object? input, JsonataFrame environment)
    {
        var steps = expr.Steps!;
        // A path that starts with a variable ($x or $$) is absolute; otherwise an input array is the context sequence.
        IReadOnlyList<object?> inputSequence = JsonataValues.IsArray(input) && steps[0].Type != JsonataNodeType.Variable
            ? JsonataValues.Items(input)
            : JsonataSequence.Create(input);

        object? resultSequence = null;
        var isTupleStream = false;
        JsonataSequence? tupleBindings = null;

        for (var i = 0; i < steps.Count; i++)
        {
            var step = steps[i];
            if (step.Tuple)
                isTupleStream = true;

            if (i == 0 && step.ConsArray)
                resultSequence = Evaluate(step, inputSequence as JsonataSequence ?? ToSequence(inputSequence), environment);
            else if (isTupleStream)
                tupleBindings = EvaluateTupleStep(step, inputSequence, tupleBindings, environment);
            else
                resultSequence = EvaluateStep(step, inputSequence, environment, i == steps.Count - 1);

            if (!isTupleStream && (resultSequence is null || (JsonataValues.IsArray(resultSequence) && JsonataValues.Count(resultSequence) == 0)))
                break;

            if (step.Focus is null)
                inputSequence = JsonataValues.IsArray(resultSequence) ? JsonataValues.Items(resultSequence) : JsonataSequence.Create(resultSequence);
        }

        if (isTupleStream)
        {
            if (expr.Tuple)
            {
                resultSequence = tupleBindings;
            }
            else
            {
                var values = JsonataSequence.Create();
                foreach (var tuple in tupleBindings!)
                    values.Add(((JsonataTuple)tuple!).Context);
                resultSequence = values;
            }
        }

        if (expr.KeepSingletonArray)
        {
            if (resultSequence is JsonataSequence { Cons: true, IsSequence: false } cons)
            {
                resultSequence = JsonataSequence.Create(cons);
            }
            else if (resultSequence is SageBuild.StateMachines.Json.JsonArray json)
            {
                // An input array is never changed: copy it to carry the flag.
                var copy = new JsonataSequence(json.Count);
                copy.AddRange(json);
                resultSequence = copy;
            }

            if (resultSequence is JsonataSequence flagged)
                flagged.KeepSingleton = true;
        }

        if (expr.Group is { } group)
            resultSequence = EvaluateGroup(group.Pairs, group.Position, isTupleStream ? tupleBindings : resultSequence, environment);

        return resultSequence;
    }

    private static JsonataSequence ToSequence(IReadOnlyList<object?> items)
    {
        var sequence = new JsonataSequence(items.Count) { IsSequence = true };
        foreach (var item in items)
            sequence.Add(item);
        return sequence;
    }

    private object? EvaluateStep(JsonataNode step, IReadOnlyList<object?> input, JsonataFrame environment, bool lastStep)
    {
        if (step.Type == JsonataNodeType.Sort)
        {
            var sorted = EvaluateSort(step, input as JsonataSequence ?? ToSequence(input), environment);
            return step.Stages is null ? sorted : EvaluateStages(step.Stages, sorted, environment);
        }

        var result = new List<object?>(input.Count);
        for (var i = 0; i < input.Count; i++)
        {
            var res = Evaluate(step, input[i], environment);
            if (step.Stages is { } stages)
            {
                foreach (var stage in stages)
                {
                    if (stage.IsFilter)
                        res = EvaluateFilter(stage.Filter!, res, environment);
                }
            }

            if (res is not null)
                result.Add(res);
        }

        if (lastStep && result.Count == 1 && JsonataValues.IsArray(result[0]) && result[0] is not JsonataSequence { IsSequence: true })
            return result[0];

        var resultSequence = new JsonataSequence(result.Count) { IsSequence = true };
        foreach (var res in result)
        {
            if (!JsonataValues.IsArray(res) || res is JsonataSequence { Cons: true })
            {
                resultSequence.Add(res);
            }
            else
            {
                var count = JsonataValues.Count(res);
                for (var j = 0; j < count; j++)
                    resultSequence.Add(JsonataValues.Item(res, j));
            }
        }

        return resultSequence;
    }

    private JsonataSequence EvaluateStages(List<JsonataStage> stages, JsonataSequence input, JsonataFrame environment)
    {
        var result = input;
        foreach (var stage in stages)
        {
            if (stage.IsFilter)
            {
                result = EvaluateFilter(stage.Filter!, result, environment) as JsonataSequence ?? JsonataSequence.Create();
            }
            else
            {
                for (var i = 0; i < result.Count; i++)
                {
                    if (result[i] is JsonataTuple tuple)
                        tuple[stage.IndexVariable!] = JsonataValues.Number(i);
                }
            }
        }

        return result;
    }

    private JsonataSequence EvaluateTupleStep(JsonataNode step, IReadOnlyList<object?> input, JsonataSequence? tupleBindings, JsonataFrame environment)
    {
        JsonataSequence result;
        if (step.Type == JsonataNodeType.Sort)
        {
            if (tupleBindings is not null)
            {
                result = EvaluateSort(step, tupleBindings, environment);
            }
            else
            {
                var sorted = EvaluateSort(step, input as JsonataSequence ?? ToSequence(input), environment);
                result = new JsonataSequence(sorted.Count) { IsSequence = true, TupleStream = true };
                for (var i = 0; i < sorted.Count; i++)
                {
                    var tuple = new JsonataTuple { [JsonataTuple.ContextKey] = sorted[i] };
                    if (step.Index is not null)
                        tuple[step.Index] = JsonataValues.Number(i);
                    result.Add(tuple);
                }
            }

            return step.Stages is null ? result : EvaluateStages(step.Stages, result, environment);
        }

        result = new JsonataSequence { IsSequence = true, TupleStream = true };
        if (tupleBindings is null)
        {
            tupleBindings = new JsonataSequence(input.Count) { IsSequence = true, TupleStream = true };
            foreach (var item in input)
                tupleBindings.Add(new JsonataTuple { [JsonataTuple.ContextKey] = item });
        }

        foreach (var binding in tupleBindings)
        {
            var tuple = (JsonataTuple)binding!;
            var stepEnvironment = FrameFromTuple(environment, tuple);
            var res = Evaluate(step, tuple.Context, stepEnvironment);
            if (res is null)
                continue;
            var items = JsonataValues.IsArray(res) ? JsonataValues.Items(res) : [res];
            var isTupleResult = res is JsonataSequence { TupleStream: true };
            for (var b = 0; b < items.Count; b++)
            {
                var next = new JsonataTuple(tuple);
                if (isTupleResult)
                {
                    foreach (var (key, value) in (JsonataTuple)items[b]!)
                        next[key] = value;
                }
                else
                {
                    if (step.Focus is not null)
                    {
                        next[step.Focus] = items[b];
                        next[JsonataTuple.ContextKey] = tuple.Context;
                    }
                    else
                    {
                        next[JsonataTuple.ContextKey] = items[b];
                    }

                    if (step.Index is not null)
                        next[step.Index] = JsonataValues.Number(b);
                    if (step.Ancestor is not null)
                        next[step.Ancestor.Label] = tuple.Context;
                }

                result.Add(next);
            }
        }

        return step.Stages is null ? result : EvaluateStages(step.Stages, result, environment);
    }

    private static JsonataFrame FrameFromTuple(JsonataFrame environment, JsonataTuple tuple)
    {
        var frame = new JsonataFrame(environment);
        foreach (var (key, value) in tuple)
            frame.Bind(key, value);
        return frame;
    }

    private object? EvaluateFilter(JsonataNode predicate, object? input, JsonataFrame environment)
    {
        var results = JsonataSequence.Create();
        var isTupleStream = input is JsonataSequence { TupleStream: true };
        if (isTupleStream)
            results.TupleStream = true;
        var items = JsonataValues.IsArray(input) ? JsonataValues.Items(input) : JsonataSequence.Create(input);
        if (predicate.Type == JsonataNodeType.Number)
        {
            var index = (int)Math.Floor(((SageBuild.StateMachines.Json.JsonNumber)predicate.Literal!).Value);
            if (index < 0)
                index += items.Count;
            var item = index >= 0 && index < items.Count ? items[index] : null;
            if (item is not null)
            {
                if (JsonataValues.IsArray(item))
                    return item;
                results.Add(item);
            }

            return results;
        }

        for (var index = 0; index < items.Count; index++)
        {
            var item = items[index];
            var context = item;
            var env = environment;
            if (isTupleStream)
            {
                context = ((JsonataTuple)item!).Context;
                env = FrameFromTuple(environment, (JsonataTuple)item);
            }

            var res = Evaluate(predicate, context, env);
            if (res is SageBuild.StateMachines.Json.JsonNumber number)
            {
                if (Position(number.Value, items.Count) == index)
                    results.Add(item);
            }
            else if (IsArrayOfNumbers(res))
            {
                var count = JsonataValues.Count(res);
                for (var i = 0; i < count; i++)
                {
                    if (Position(((SageBuild.StateMachines.Json.JsonNumber)JsonataValues.Item(res, i)!).Value, items.Count) == index)
                        results.Add(item);
                }
            }
            else if (JsonataValues.IsTruthy(res))
            {
                results.Add(item);
            }
        }

        return results;
    }

    private static int Position(double value, int count)
    {
        var i = Math.Floor(value);
        if (i < 0)
            i += count;
        return i is >= int.MinValue and <= int.MaxValue ? (int)i : -1;
    }

    private static bool IsArrayOfNumbers(object? value)
    {
        if (!JsonataValues.IsArray(value))
            return false;
        var count = JsonataValues.Count(value);
        for (var i = 0; i < count; i++)
        {
            if (JsonataValues.Item(value, i) is not SageBuild.StateMachines.Json.JsonNumber)
                return false;
        }

        return true;
    }

    private JsonataMap EvaluateGroup(List<(JsonataNode Key, JsonataNode Value)> pairs, int position, object? input, JsonataFrame environment)
    {
        var result = new JsonataMap();
        var groups = new Dictionary<string, (object? Data, int ExpressionIndex)>(StringComparer.Ordinal);
        var order = new List<string>();
        var reduce = input is JsonataSequence { TupleStream: true };
        JsonataSequence items;
        if (input is JsonataSequence s)
        {
            items = s;
        }
        else if (JsonataValues.IsArray(input))
        {
            items = ToSequence(JsonataValues.Items(input));
        }
        else
        {
            items = JsonataSequence.Create(input);
        }

        if (items.Count == 0 && !reduce)
            items = JsonataSequence.Create(null);

        foreach (var item in items)
        {
            var env = reduce ? FrameFromTuple(environment, (JsonataTuple)item!) : environment;
            for (var pairIndex = 0; pairIndex < pairs.Count; pairIndex++)
            {
                var key = Evaluate(pairs[pairIndex].Key, reduce ? ((JsonataTuple)item!).Context : item, env);
                if (key is null)
                    continue;
                if (key is not SageBuild.StateMachines.Json.JsonString keyString)
                    throw new JsonataRuntimeException("T1003", key, position: position);
                if (groups.TryGetValue(keyString.Value, out var existing))
                {
                    if (existing.ExpressionIndex != pairIndex)
                        throw new JsonataRuntimeException("D1009", key, position: position);
                    groups[keyString.Value] = (Functions.JsonataArrayFunctions.Append(existing.Data, item), pairIndex);
                }
                else
                {
                    groups[keyString.Value] = (item, pairIndex);
                    order.Add(keyString.Value);
                }
            }
        }

        foreach (var key in order)
        {
            var (data, expressionIndex) = groups[key];
            var context = data;
            var env = environment;
            if (reduce)
            {
                var tuple = ReduceTupleStream(data);
                context = tuple.Context;
                tuple.Remove(JsonataTuple.ContextKey);
                env = FrameFromTuple(environment, tuple);
            }

            var value = Evaluate(pairs[expressionIndex].Value, context, env);
            if (value is not null)
                result[key] = value;
        }

        return result;
    }

    private static JsonataTuple ReduceTupleStream(object? tupleStream)
    {
        if (tupleStream is JsonataTuple single)
            return new JsonataTuple(single);
        var items = JsonataValues.Items(tupleStream);
        var result = new JsonataTuple((JsonataTuple)items[0]!);
        for (var i = 1; i < items.Count; i++)
        {
            foreach (var (key, value) in (JsonataTuple)items[i]!)
                result[key] = Functions.JsonataArrayFunctions.Append(result.TryGetValue(key, out var existing) ? existing : null, value);
        }

        return result;
    }

    private JsonataSequence EvaluateSort(JsonataNode step, JsonataSequence input, JsonataFrame environment)
    {
        var isTupleSort = input.TupleStream;
        int Compare(object? a, object? b)
        {
            var comparison = 0;
            for (var index = 0; comparison == 0 && index < step.Terms!.Count; index++)
            {
                var term = step.Terms[index];
                var aa = isTupleSort
                    ? Evaluate(term.Expression, ((JsonataTuple)a!).Context, FrameFromTuple(environment, (JsonataTuple)a))
                    : Evaluate(term.Expression, a, environment);
                var bb = isTupleSort
                    ? Evaluate(term.Expression, ((JsonataTuple)b!).Context, FrameFromTuple(environment, (JsonataTuple)b))
                    : Evaluate(term.Expression, b, environment);
                if (aa is null)
                {
                    comparison = bb is null ? 0 : 1;
                    continue;
                }

                if (bb is null)
                {
                    comparison = -1;
                    continue;
                }

                if (aa is not (SageBuild.StateMachines.Json.JsonString or SageBuild.StateMachines.Json.JsonNumber)
                    || bb is not (SageBuild.StateMachines.Json.JsonString or SageBuild.StateMachines.Json.JsonNumber))
                    throw new JsonataRuntimeException("T2008", aa is SageBuild.StateMachines.Json.JsonString or SageBuild.StateMachines.Json.JsonNumber ? bb : aa, position: step.Position);
                if (aa.GetType() != bb.GetType())
                    throw new JsonataRuntimeException("T2007", aa, bb, position: step.Position);
                var order = aa is SageBuild.StateMachines.Json.JsonNumber na
                    ? na.Value.CompareTo(((SageBuild.StateMachines.Json.JsonNumber)bb).Value)
                    : string.CompareOrdinal(((SageBuild.StateMachines.Json.JsonString)aa).Value, ((SageBuild.StateMachines.Json.JsonString)bb).Value);
                if (order == 0)
                    continue;
                comparison = order < 0 ? -1 : 1;
                if (term.Descending)
                    comparison = -comparison;
            }

            return comparison;
        }

        var sorted = Functions.JsonataArrayFunctions.MergeSort(input, (a, b) => Compare(a, b) == 1);
        var result = new JsonataSequence(sorted.Count) { IsSequence = true, TupleStream = input.TupleStream };
        result.AddRange(sorted);
        return result;
    }
}
