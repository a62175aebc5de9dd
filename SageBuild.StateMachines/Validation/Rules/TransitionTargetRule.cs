using SageBuild.StateMachines.Model;

namespace SageBuild.StateMachines.Validation.Rules;

/// <summary>
/// Every StartAt, Next, Default and Catch Next names a state of its own graph. Transitions never leave or
/// enter a Parallel branch or a Map's item processor, so a name found only in another graph is an error too.
/// </summary>
internal sealed class TransitionTargetRule : IDefinitionRule
{
    public void Check(StateMachineDefinition definition, ICollection<DefinitionError> errors)
    {
        var graphOf = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (graph, pointer) in DefinitionWalker.Graphs(definition))
        {
            foreach (var name in graph.States.Keys)
                graphOf.TryAdd(name, GraphName(pointer));
        }

        foreach (var (graph, pointer) in DefinitionWalker.Graphs(definition))
        {
            // An absent StartAt reads as "" and the reader has already reported it.
            if (graph.StartAt.Length > 0)
                CheckTarget(graph, graph.StartAt, JsonPointer.Append(pointer, "StartAt"), "StartAt", graphOf, errors);
        }

        foreach (var location in DefinitionWalker.States(definition))
        {
            foreach (var (target, pointer, field) in Targets(location))
                CheckTarget(location.Graph, target, pointer, field, graphOf, errors);
        }
    }

    /// <summary>Every transition of a state: its target, the pointer of the field that names it, and the field's name.</summary>
    internal static IEnumerable<(string Target, string Pointer, string Field)> Targets(StateLocation location)
    {
        if (location.State is TransitionState { Next: { } next })
            yield return (next, location.PointerTo("Next"), "Next");
        if (location.State is ChoiceState choice)
        {
            for (var i = 0; i < choice.Choices.Count; i++)
            {
                // An absent Next reads as "" and the reader has already reported it.
                if (choice.Choices[i].Next.Length > 0)
                    yield return (choice.Choices[i].Next, JsonPointer.Append(JsonPointer.Append(location.PointerTo("Choices"), i), "Next"), "Next");
            }

            if (choice.Default is { } fallback)
                yield return (fallback, location.PointerTo("Default"), "Default");
        }

        if (location.State is RetryableState { Catch: { } catchers })
        {
            for (var i = 0; i < catchers.Count; i++)
            {
                if (catchers[i].Next.Length > 0)
                    yield return (catchers[i].Next, JsonPointer.Append(JsonPointer.Append(location.PointerTo("Catch"), i), "Next"), "Next");
            }
        }
    }

    private static void CheckTarget(StateGraph graph, string target, string pointer, string field, Dictionary<string, string> graphOf, ICollection<DefinitionError> errors)
    {
        if (graph.States.ContainsKey(target))
            return;
        string message;
        if (graphOf.TryGetValue(target, out var elsewhere))
        {
            message = $"'{field}' names \"{target}\", a state of {elsewhere}: transitions cannot leave or enter a Parallel branch or a Map's item processor; " +
                      $"name a state of this graph ({Names(graph)})";
        }
        else
        {
            var suggestion = Closest(target, graph.States.Keys);
            message = $"Missing '{field}' target: \"{target}\" names no state" +
                      (suggestion is null ? "" : $"; did you mean \"{suggestion}\"?") +
                      (suggestion is null ? $" (the states here are {Names(graph)})" : "");
        }

        errors.Add(new DefinitionError(pointer, DefinitionErrorCodes.MissingTransitionTarget, message));
    }

    private static string GraphName(string pointer) => pointer.Length == 0 ? "the top level" : pointer;

    private static string Names(StateGraph graph) =>
        graph.States.Count == 0 ? "none" : string.Join(", ", graph.States.Keys.Take(10).Select(n => $"\"{n}\"")) + (graph.States.Count > 10 ? ", …" : "");

    /// <summary>The name closest to <paramref name="target"/> when it is a likely typo (at most a third of it differs).</summary>
    private static string? Closest(string target, IEnumerable<string> names)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var name in names)
        {
            var distance = Distance(target, name);
            if (distance < bestDistance)
                (best, bestDistance) = (name, distance);
        }

        return best is not null && bestDistance <= Math.Max(1, target.Length / 3) && bestDistance < target.Length ? best : null;
    }

    /// <summary>Edits between two names, ignoring case, where swapping two neighbours counts as one (a common typo).</summary>
    private static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
            d[i, 0] = i;
        for (var j = 0; j <= b.Length; j++)
            d[0, j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = Same(a[i - 1], b[j - 1]) ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && Same(a[i - 1], b[j - 2]) && Same(a[i - 2], b[j - 1]))
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
            }
        }

        return d[a.Length, b.Length];
    }

    private static bool Same(char x, char y) => char.ToUpperInvariant(x) == char.ToUpperInvariant(y);
}
