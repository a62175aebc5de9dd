namespace SageBuild.StateMachines.Jsonata;

/// <summary>
/// What Step Functions refuses in a JSONata expression beyond its syntax. A state's expression runs with no context
/// item: the input is <c>$states.input</c>. So a field name read against the top-level context, such as
/// <c>phone</c> instead of <c>$states.input.phone</c>, is refused, and so is <c>$$</c>; and
/// <c>$states.errorOutput</c> exists only in a Catcher's Output and Assign. Names in later steps of a path, in
/// predicates, in sort terms and in groupings read an item the path supplies, and stay legal.
/// </summary>
internal static class JsonataReferenceCheck
{
    /// <summary>The problems of <paramref name="root"/>, worded as AWS words them.</summary>
    public static IEnumerable<string> Problems(JsonataNode root, bool errorOutputAllowed)
    {
        var problems = new List<string>();
        Visit(root, topLevel: true, errorOutputAllowed, problems);
        return problems.Distinct(StringComparer.Ordinal);
    }

    private static void Visit(JsonataNode? node, bool topLevel, bool errorOutputAllowed, List<string> problems)
    {
        if (node is null)
            return;
        switch (node.Type)
        {
            case JsonataNodeType.Path:
                var steps = node.Steps!;
                var first = steps[0];
                if (topLevel && first.Type == JsonataNodeType.Name)
                    problems.Add($"Reference to '{first.Value}' at the top level is not supported.");
                if (!errorOutputAllowed && first is { Type: JsonataNodeType.Variable, Value: "states" } && steps.Count > 1 && steps[1] is { Type: JsonataNodeType.Name, Value: "errorOutput" })
                    problems.Add("Reference to '$states.errorOutput' is only supported in the Output and Assign of a Catcher.");
                Visit(first, topLevel, errorOutputAllowed, problems, skipSelf: first.Type is JsonataNodeType.Name or JsonataNodeType.Variable);
                for (var i = 1; i < steps.Count; i++)
                    Visit(steps[i], topLevel: false, errorOutputAllowed, problems);
                VisitGroup(node, errorOutputAllowed, problems);
                return;
            case JsonataNodeType.Variable when node.Value == "$":
                problems.Add("Reference to '$$' is not supported.");
                return;
            case JsonataNodeType.Name when topLevel:
                problems.Add($"Reference to '{node.Value}' at the top level is not supported.");
                return;
        }

        VisitChildren(node, topLevel, errorOutputAllowed, problems);
    }

    private static void Visit(JsonataNode node, bool topLevel, bool errorOutputAllowed, List<string> problems, bool skipSelf)
    {
        if (skipSelf)
        {
            // The step's own name was judged by the path; its predicates read the items it selects.
            foreach (var stage in node.Stages ?? [])
                Visit(stage.Filter, topLevel: false, errorOutputAllowed, problems);
            foreach (var predicate in node.Predicates ?? [])
                Visit(predicate, topLevel: false, errorOutputAllowed, problems);
            if (node.Type == JsonataNodeType.Variable && node.Value == "$")
                problems.Add("Reference to '$$' is not supported.");
            return;
        }

        Visit(node, topLevel, errorOutputAllowed, problems);
    }

    private static void VisitGroup(JsonataNode node, bool errorOutputAllowed, List<string> problems)
    {
        foreach (var (key, value) in node.Group?.Pairs ?? [])
        {
            Visit(key, topLevel: false, errorOutputAllowed, problems);
            Visit(value, topLevel: false, errorOutputAllowed, problems);
        }
    }

    private static void VisitChildren(JsonataNode node, bool topLevel, bool errorOutputAllowed, List<string> problems)
    {
        foreach (var child in new[] { node.Lhs, node.Rhs, node.Expression, node.Procedure, node.Body, node.Condition, node.Then, node.Else })
            Visit(child, topLevel, errorOutputAllowed, problems);
        foreach (var child in node.Expressions ?? [])
            Visit(child, topLevel, errorOutputAllowed, problems);
        foreach (var child in node.Arguments ?? [])
        {
            if (node.Type != JsonataNodeType.Lambda)
                Visit(child, topLevel, errorOutputAllowed, problems);
        }

        foreach (var (key, value) in node.Pairs ?? [])
        {
            Visit(key, topLevel, errorOutputAllowed, problems);
            Visit(value, topLevel, errorOutputAllowed, problems);
        }

        // A transform reads the object it is applied to: its pattern, update and delete never see the top level.
        Visit(node.Pattern, topLevel: false, errorOutputAllowed, problems);
        Visit(node.Update, topLevel: false, errorOutputAllowed, problems);
        Visit(node.Delete, topLevel: false, errorOutputAllowed, problems);
        foreach (var predicate in node.Predicates ?? [])
            Visit(predicate, topLevel: false, errorOutputAllowed, problems);
        foreach (var stage in node.Stages ?? [])
            Visit(stage.Filter, topLevel: false, errorOutputAllowed, problems);
        foreach (var term in node.Terms ?? [])
            Visit(term.Expression, topLevel: false, errorOutputAllowed, problems);
        VisitGroup(node, errorOutputAllowed, problems);
    }
}
