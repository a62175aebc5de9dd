namespace SageBuild.StateMachines.Jsonata;

/// <summary>
/// Deep-copies a raw parse tree. The elvis and coalescing operators use their left side twice, and the post-parse
/// pass reshapes nodes in place, so each use needs its own copy.
/// </summary>
internal static class JsonataTreeCloner
{
    public static JsonataNode Clone(JsonataNode node)
    {
        var copy = new JsonataNode(node.Type, node.Position, node.Value)
        {
            Literal = node.Literal,
            Lhs = CloneOrNull(node.Lhs),
            Rhs = CloneOrNull(node.Rhs),
            Expression = CloneOrNull(node.Expression),
            Expressions = node.Expressions?.Select(Clone).ToList(),
            Pairs = node.Pairs?.Select(p => (Clone(p.Key), Clone(p.Value))).ToList(),
            Procedure = CloneOrNull(node.Procedure),
            Arguments = node.Arguments?.Select(Clone).ToList(),
            Body = CloneOrNull(node.Body),
            Signature = node.Signature,
            Condition = CloneOrNull(node.Condition),
            Then = CloneOrNull(node.Then),
            Else = CloneOrNull(node.Else),
            Pattern = CloneOrNull(node.Pattern),
            Update = CloneOrNull(node.Update),
            Delete = CloneOrNull(node.Delete),
            KeepArray = node.KeepArray,
            RegexPattern = node.RegexPattern,
            RegexFlags = node.RegexFlags,
            RawTerms = node.RawTerms?.Select(t => new JsonataSortTerm(t.Descending, Clone(t.Expression))).ToList(),
            RawGroupPairs = node.RawGroupPairs?.Select(p => (Clone(p.Key), Clone(p.Value))).ToList(),
        };
        return copy;
    }

    private static JsonataNode? CloneOrNull(JsonataNode? node) => node is null ? null : Clone(node);
}
