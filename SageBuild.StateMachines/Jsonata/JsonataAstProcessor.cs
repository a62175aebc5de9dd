using SageBuild.StateMachines.Json;

namespace SageBuild.StateMachines.Jsonata;

/// <summary>
/// The post-parse pass. It flattens '.' chains into paths of steps, attaches predicates as stages, turns group-by,
/// order-by and the focus/index bindings into step properties, resolves what each parent operator <c>%</c> refers to,
/// and marks calls in tail position so that recursion runs in constant stack.
/// </summary>
internal sealed class JsonataAstProcessor
{
    private int _ancestorLabel;
    private int _ancestorIndex;
    private readonly List<JsonataNode> _ancestry = [];

    public static JsonataNode Process(JsonataNode raw)
    {
        var processor = new JsonataAstProcessor();
        var result = processor.ProcessNode(raw);
        if (result.Type == JsonataNodeType.Parent || result.SeekingParent is not null)
            throw new JsonataSyntaxException("S0217", result.Position, result.Type.ToString().ToLowerInvariant());
        return result;
    }

    private JsonataNode ProcessNode(JsonataNode expr)
    {
        JsonataNode result;
        switch (expr.Type)
        {
            case JsonataNodeType.Binary:
                result = ProcessBinary(expr);
                break;
            case JsonataNodeType.Unary:
                result = new JsonataNode(JsonataNodeType.Unary, expr.Position, expr.Value);
                if (expr.Value == "[")
                {
                    result.Expressions = [];
                    foreach (var item in expr.Expressions!)
                    {
                        var value = ProcessNode(item);
                        PushAncestry(result, value);
                        result.Expressions.Add(value);
                    }
                }
                else if (expr.Value == "{")
                {
                    result.Pairs = [];
                    foreach (var (k, v) in expr.Pairs!)
                    {
                        var key = ProcessNode(k);
                        PushAncestry(result, key);
                        var value = ProcessNode(v);
                        PushAncestry(result, value);
                        result.Pairs.Add((key, value));
                    }
                }
                else
                {
                    result.Expression = ProcessNode(expr.Expression!);
                    if (expr.Value == "-" && result.Expression.Type == JsonataNodeType.Number)
                    {
                        // Fold the negation of a number literal.
                        var number = result.Expression;
                        number.Literal = JsonNumber.From(-((JsonNumber)number.Literal!).Value);
                        result = number;
                    }
                    else
                    {
                        PushAncestry(result, result.Expression);
                    }
                }

                break;
            case JsonataNodeType.Function or JsonataNodeType.Partial:
                result = new JsonataNode(expr.Type, expr.Position, expr.Value) { Arguments = [] };
                foreach (var argument in expr.Arguments!)
                {
                    var processed = ProcessNode(argument);
                    PushAncestry(result, processed);
                    result.Arguments.Add(processed);
                }

                result.Procedure = ProcessNode(expr.Procedure!);
                break;
            case JsonataNodeType.Lambda:
                result = new JsonataNode(JsonataNodeType.Lambda, expr.Position, expr.Value)
                {
                    Arguments = expr.Arguments,
                    Signature = expr.Signature,
                };
                result.Body = TailCallOptimize(ProcessNode(expr.Body!));
                break;
            case JsonataNodeType.Condition:
                result = new JsonataNode(JsonataNodeType.Condition, expr.Position, expr.Value) { Condition = ProcessNode(expr.Condition!) };
                PushAncestry(result, result.Condition);
                result.Then = ProcessNode(expr.Then!);
                PushAncestry(result, result.Then);
                if (expr.Else is not null)
                {
                    result.Else = ProcessNode(expr.Else);
                    PushAncestry(result, result.Else);
                }

                break;
            case JsonataNodeType.Transform:
                result = new JsonataNode(JsonataNodeType.Transform, expr.Position, expr.Value)
                {
                    Pattern = ProcessNode(expr.Pattern!),
                    Update = ProcessNode(expr.Update!),
                    Delete = expr.Delete is null ? null : ProcessNode(expr.Delete),
                };
                break;
            case JsonataNodeType.Block:
                result = new JsonataNode(JsonataNodeType.Block, expr.Position, expr.Value) { Expressions = [] };
                foreach (var item in expr.Expressions!)
                {
                    var part = ProcessNode(item);
                    PushAncestry(result, part);
                    if (part.ConsArray || (part.Type == JsonataNodeType.Path && part.Steps![0].ConsArray))
                        result.ConsArray = true;
                    result.Expressions.Add(part);
                }

                break;
            case JsonataNodeType.Name:
                result = new JsonataNode(JsonataNodeType.Path, expr.Position) { Steps = [expr] };
                if (expr.KeepArray)
                    result.KeepSingletonArray = true;
                break;
            case JsonataNodeType.Parent:
                result = new JsonataNode(JsonataNodeType.Parent, expr.Position, "%")
                {
                    Slot = new JsonataAncestorSlot("!" + _ancestorLabel++, 1, _ancestorIndex++),
                };
                _ancestry.Add(result);
                break;
            case JsonataNodeType.String or JsonataNodeType.Number or JsonataNodeType.Value or JsonataNodeType.Wildcard
                or JsonataNodeType.Descendant or JsonataNodeType.Variable or JsonataNodeType.Regex or JsonataNodeType.Placeholder:
                result = expr;
                break;
            case JsonataNodeType.Operator when expr.Value == "(end)":
                throw new JsonataSyntaxException("S0207", expr.Position);
            case JsonataNodeType.Operator:
                throw new JsonataSyntaxException("S0201", expr.Position, expr.Value);
            default:
                throw new JsonataSyntaxException("S0206", expr.Position, expr.Value);
        }

        if (expr.KeepArray)
            result.KeepArray = true;
        return result;
    }

    private JsonataNode ProcessBinary(JsonataNode expr)
    {
        JsonataNode result;
        JsonataNode step;
        switch (expr.Value)
        {
            case ".":
                var lstep = ProcessNode(expr.Lhs!);
                result = lstep.Type == JsonataNodeType.Path ? lstep : new JsonataNode(JsonataNodeType.Path, lstep.Position) { Steps = [lstep] };
                if (lstep.Type == JsonataNodeType.Parent)
                    result.SeekingParent = [lstep.Slot!];
                var rest = ProcessNode(expr.Rhs!);
                if (rest.Type == JsonataNodeType.Path)
                {
                    result.Steps!.AddRange(rest.Steps!);
                }
                else
                {
                    if (rest.Predicates is not null)
                    {
                        rest.Stages = rest.Predicates.Select(p => new JsonataStage(true, p, null, p.Position)).ToList();
                        rest.Predicates = null;
                    }

                    result.Steps!.Add(rest);
                }

                foreach (var s in result.Steps!)
                {
                    if (s.Type is JsonataNodeType.Number or JsonataNodeType.Value)
                        throw new JsonataSyntaxException("S0213", s.Position, value: s.Value);
                    if (s.Type == JsonataNodeType.String)
                        s.Type = JsonataNodeType.Name;
                }

                if (result.Steps.Any(s => s.KeepArray))
                    result.KeepSingletonArray = true;
                var first = result.Steps[0];
                if (first is { Type: JsonataNodeType.Unary, Value: "[" })
                    first.ConsArray = true;
                var last = result.Steps[^1];
                if (last is { Type: JsonataNodeType.Unary, Value: "[" })
                    last.ConsArray = true;
                ResolveAncestry(result);
                return result;
            case "[":
                result = ProcessNode(expr.Lhs!);
                step = result;
                var isPathStep = result.Type == JsonataNodeType.Path;
                if (isPathStep)
                    step = result.Steps![^1];
                if (step.Group is not null)
                    throw new JsonataSyntaxException("S0209", expr.Position);
                var predicate = ProcessNode(expr.Rhs!);
                if (predicate.SeekingParent is not null)
                {
                    foreach (var slot in predicate.SeekingParent)
                    {
                        if (slot.Level == 1)
                            SeekParent(step, slot);
                        else
                            slot.Level--;
                    }

                    PushAncestry(step, predicate);
                }

                if (isPathStep)
                    (step.Stages ??= []).Add(new JsonataStage(true, predicate, null, expr.Position));
                else
                    (step.Predicates ??= []).Add(predicate);
                return result;
            case "{":
                result = ProcessNode(expr.Lhs!);
                if (result.Group is not null)
                    throw new JsonataSyntaxException("S0210", expr.Position);
                result.Group = new JsonataGroup(expr.RawGroupPairs!.Select(p => (ProcessNode(p.Key), ProcessNode(p.Value))).ToList(), expr.Position);
                return result;
            case "^":
                result = ProcessNode(expr.Lhs!);
                if (result.Type != JsonataNodeType.Path)
                    result = new JsonataNode(JsonataNodeType.Path, result.Position) { Steps = [result] };
                var sortStep = new JsonataNode(JsonataNodeType.Sort, expr.Position, "^") { Terms = [] };
                foreach (var term in expr.RawTerms!)
                {
                    var expression = ProcessNode(term.Expression);
                    PushAncestry(sortStep, expression);
                    sortStep.Terms.Add(new JsonataSortTerm(term.Descending, expression));
                }

                result.Steps!.Add(sortStep);
                ResolveAncestry(result);
                return result;
            case ":=":
                result = new JsonataNode(JsonataNodeType.Bind, expr.Position, ":=") { Lhs = ProcessNode(expr.Lhs!), Rhs = ProcessNode(expr.Rhs!) };
                PushAncestry(result, result.Rhs);
                return result;
            case "@":
                result = ProcessNode(expr.Lhs!);
                step = result.Type == JsonataNodeType.Path ? result.Steps![^1] : result;
                if (step.Stages is not null || step.Predicates is not null)
                    throw new JsonataSyntaxException("S0215", expr.Position);
                if (step.Type == JsonataNodeType.Sort)
                    throw new JsonataSyntaxException("S0216", expr.Position);
                if (expr.KeepArray)
                    step.KeepArray = true;
                step.Focus = expr.Rhs!.Value;
                step.Tuple = true;
                return result;
            case "#":
                result = ProcessNode(expr.Lhs!);
                step = result;
                if (result.Type == JsonataNodeType.Path)
                {
                    step = result.Steps![^1];
                }
                else
                {
                    result = new JsonataNode(JsonataNodeType.Path, result.Position) { Steps = [result] };
                    if (step.Predicates is not null)
                    {
                        step.Stages = step.Predicates.Select(p => new JsonataStage(true, p, null, p.Position)).ToList();
                        step.Predicates = null;
                    }
                }

                if (step.Stages is null)
                    step.Index = expr.Rhs!.Value;
                else
                    step.Stages.Add(new JsonataStage(false, null, expr.Rhs!.Value, expr.Position));
                step.Tuple = true;
                return result;
            case "~>":
                result = new JsonataNode(JsonataNodeType.Apply, expr.Position, "~>") { Lhs = ProcessNode(expr.Lhs!), Rhs = ProcessNode(expr.Rhs!) };
                result.KeepArray = result.Lhs.KeepArray || result.Rhs.KeepArray;
                return result;
            default:
                result = new JsonataNode(JsonataNodeType.Binary, expr.Position, expr.Value) { Lhs = ProcessNode(expr.Lhs!), Rhs = ProcessNode(expr.Rhs!) };
                PushAncestry(result, result.Lhs);
                PushAncestry(result, result.Rhs);
                return result;
        }
    }

    private static JsonataNode TailCallOptimize(JsonataNode expr)
    {
        switch (expr.Type)
        {
            case JsonataNodeType.Function when expr.Predicates is null:
                return new JsonataNode(JsonataNodeType.Lambda, expr.Position) { Thunk = true, Arguments = [], Body = expr };
            case JsonataNodeType.Condition:
                expr.Then = TailCallOptimize(expr.Then!);
                if (expr.Else is not null)
                    expr.Else = TailCallOptimize(expr.Else);
                return expr;
            case JsonataNodeType.Block when expr.Expressions!.Count > 0:
                expr.Expressions[^1] = TailCallOptimize(expr.Expressions[^1]);
                return expr;
            default:
                return expr;
        }
    }

    private JsonataAncestorSlot SeekParent(JsonataNode node, JsonataAncestorSlot slot)
    {
        switch (node.Type)
        {
            case JsonataNodeType.Name or JsonataNodeType.Wildcard:
                slot.Level--;
                if (slot.Level == 0)
                {
                    if (node.Ancestor is null)
                        node.Ancestor = slot;
                    else
                    {
                        // Reuse the existing label.
                        _ancestry[slot.Index].Slot!.Label = node.Ancestor.Label;
                        node.Ancestor = slot;
                    }

                    node.Tuple = true;
                }

                break;
            case JsonataNodeType.Parent:
                slot.Level++;
                break;
            case JsonataNodeType.Block:
                if (node.Expressions!.Count > 0)
                {
                    node.Tuple = true;
                    slot = SeekParent(node.Expressions[^1], slot);
                }

                break;
            case JsonataNodeType.Path:
                node.Tuple = true;
                var index = node.Steps!.Count - 1;
                slot = SeekParent(node.Steps[index--], slot);
                while (slot.Level > 0 && index >= 0)
                    slot = SeekParent(node.Steps[index--], slot);
                break;
            default:
                throw new JsonataSyntaxException("S0217", node.Position, node.Type.ToString().ToLowerInvariant());
        }

        return slot;
    }

    private static void PushAncestry(JsonataNode result, JsonataNode value)
    {
        if (value.SeekingParent is null && value.Type != JsonataNodeType.Parent)
            return;
        var slots = value.SeekingParent ?? [];
        if (value.Type == JsonataNodeType.Parent)
            slots.Add(value.Slot!);
        if (result.SeekingParent is null)
            result.SeekingParent = slots;
        else
            result.SeekingParent.AddRange(slots);
    }

    private void ResolveAncestry(JsonataNode path)
    {
        var steps = path.Steps!;
        var lastStep = steps[^1];
        var slots = lastStep.SeekingParent ?? [];
        if (lastStep.Type == JsonataNodeType.Parent)
            slots.Add(lastStep.Slot!);
        foreach (var s in slots)
        {
            var slot = s;
            var index = steps.Count - 2;
            while (slot.Level > 0)
            {
                if (index < 0)
                {
                    (path.SeekingParent ??= []).Add(slot);
                    break;
                }

                var step = steps[index--];
                // Contiguous steps that bind the focus are skipped together.
                while (index >= 0 && step.Focus is not null && steps[index].Focus is not null)
                    step = steps[index--];
                slot = SeekParent(step, slot);
            }
        }
    }
}
