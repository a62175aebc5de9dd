namespace SageBuild.Local.Ledger.Expressions;

/// <summary>
/// A parsed ConditionExpression. Comparisons with an absent attribute are false, except <c>&lt;&gt;</c>, which is true
/// (an absent value is not equal to any value); ordering comparisons need two values of the same type, N, S or B.
/// </summary>
internal abstract class ConditionNode
{
    public abstract bool Evaluate(AttributeValue? item);

    internal sealed class Or(ConditionNode left, ConditionNode right) : ConditionNode
    {
        public override bool Evaluate(AttributeValue? item) => left.Evaluate(item) || right.Evaluate(item);
    }

    internal sealed class And(ConditionNode left, ConditionNode right) : ConditionNode
    {
        public override bool Evaluate(AttributeValue? item) => left.Evaluate(item) && right.Evaluate(item);
    }

    internal sealed class Not(ConditionNode operand) : ConditionNode
    {
        public override bool Evaluate(AttributeValue? item) => !operand.Evaluate(item);
    }

    internal sealed class Comparison(OperandNode left, string comparator, OperandNode right) : ConditionNode
    {
        public override bool Evaluate(AttributeValue? item) => Compare(left.Evaluate(item), comparator, right.Evaluate(item));

        internal static bool Compare(AttributeValue? a, string comparator, AttributeValue? b)
        {
            if (a is null || b is null)
                return comparator == "<>";
            if (comparator == "=")
                return a.Equals(b);
            if (comparator == "<>")
                return !a.Equals(b);
            var order = AttributeValue.Compare(a, b);
            return order is { } o && comparator switch
            {
                "<" => o < 0,
                "<=" => o <= 0,
                ">" => o > 0,
                _ => o >= 0,
            };
        }
    }

    internal sealed class Between(OperandNode value, OperandNode low, OperandNode high) : ConditionNode
    {
        public override bool Evaluate(AttributeValue? item)
        {
            var (v, l, h) = (value.Evaluate(item), low.Evaluate(item), high.Evaluate(item));
            if (l is not null && h is not null && AttributeValue.Compare(l, h) > 0)
                throw DynamoDbException.Invalid("Invalid ConditionExpression: The BETWEEN operator requires upper bound to be greater than or equal to lower bound");
            return Comparison.Compare(v, ">=", l) && Comparison.Compare(v, "<=", h);
        }
    }

    internal sealed class In(OperandNode value, IReadOnlyList<OperandNode> candidates) : ConditionNode
    {
        public override bool Evaluate(AttributeValue? item)
        {
            var v = value.Evaluate(item);
            return v is not null && candidates.Any(c => v.Equals(c.Evaluate(item)));
        }
    }

    internal sealed class AttributeExists(AttributePath path, bool shouldExist) : ConditionNode
    {
        public override bool Evaluate(AttributeValue? item) => DocumentPaths.Get(item, path) is not null == shouldExist;
    }

    internal sealed class AttributeType(AttributePath path, OperandNode type) : ConditionNode
    {
        public override bool Evaluate(AttributeValue? item)
        {
            var expected = type.Evaluate(item);
            if (expected is not { Kind: AttributeKind.S } || !Enum.TryParse<AttributeKind>(expected.Text, ignoreCase: false, out var kind) || expected.Text.Any(char.IsDigit))
                throw DynamoDbException.Invalid($"Invalid ConditionExpression: Invalid attribute type name found; type: {expected?.Text}, valid types: {{B,NULL,SS,BOOL,L,BS,N,NS,S,M}}");
            return DocumentPaths.Get(item, path)?.Kind == kind;
        }
    }

    internal sealed class BeginsWith(OperandNode value, OperandNode prefix) : ConditionNode
    {
        public override bool Evaluate(AttributeValue? item) => (value.Evaluate(item), prefix.Evaluate(item)) switch
        {
            ({ Kind: AttributeKind.S } v, { Kind: AttributeKind.S } p) => v.Text.StartsWith(p.Text, StringComparison.Ordinal),
            ({ Kind: AttributeKind.B } v, { Kind: AttributeKind.B } p) => Convert.FromBase64String(v.Text).AsSpan().StartsWith(Convert.FromBase64String(p.Text)),
            _ => false,
        };
    }

    internal sealed class Contains(OperandNode container, OperandNode operand) : ConditionNode
    {
        public override bool Evaluate(AttributeValue? item)
        {
            var (c, o) = (container.Evaluate(item), operand.Evaluate(item));
            if (c is null || o is null)
                return false;
            return c.Kind switch
            {
                AttributeKind.S => o.Kind == AttributeKind.S && c.Text.Contains(o.Text, StringComparison.Ordinal),
                AttributeKind.SS => o.Kind == AttributeKind.S && c.Set.Contains(o.Text, StringComparer.Ordinal),
                AttributeKind.NS => o.Kind == AttributeKind.N && c.Set.Contains(o.Text, StringComparer.Ordinal),
                AttributeKind.BS => o.Kind == AttributeKind.B && c.Set.Contains(o.Text, StringComparer.Ordinal),
                AttributeKind.L => c.List.Contains(o),
                _ => false,
            };
        }
    }
}
