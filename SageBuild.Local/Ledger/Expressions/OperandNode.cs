namespace SageBuild.Local.Ledger.Expressions;

/// <summary>A value in an expression: a document path, a <c>:placeholder</c>, or a function; null when a path is absent.</summary>
internal abstract class OperandNode
{
    public abstract AttributeValue? Evaluate(AttributeValue? item);

    internal sealed class PathOperand(AttributePath path) : OperandNode
    {
        public AttributePath Path { get; } = path;

        public override AttributeValue? Evaluate(AttributeValue? item) => DocumentPaths.Get(item, Path);
    }

    internal sealed class ValueOperand(AttributeValue value) : OperandNode
    {
        public override AttributeValue? Evaluate(AttributeValue? item) => value;
    }

    /// <summary><c>size(path)</c>: characters of a string, bytes of a binary, elements of a set, list or map.</summary>
    internal sealed class SizeOperand(AttributePath path) : OperandNode
    {
        public override AttributeValue? Evaluate(AttributeValue? item)
        {
            var value = DocumentPaths.Get(item, path);
            int? size = value?.Kind switch
            {
                AttributeKind.S => value.Text.Length,
                AttributeKind.B => Convert.FromBase64String(value.Text).Length,
                AttributeKind.L => value.List.Count,
                AttributeKind.M => value.Map.Count,
                AttributeKind.SS or AttributeKind.NS or AttributeKind.BS => value.Set.Count,
                _ => null,
            };
            return size is { } n ? AttributeValue.FromNumber(n) : null;
        }
    }

    /// <summary><c>if_not_exists(path, value)</c>: the path's value when present, else the fallback.</summary>
    internal sealed class IfNotExists(AttributePath path, OperandNode fallback) : OperandNode
    {
        public override AttributeValue? Evaluate(AttributeValue? item) => DocumentPaths.Get(item, path) ?? fallback.Evaluate(item);
    }

    /// <summary><c>list_append(a, b)</c>: the elements of list a followed by those of list b.</summary>
    internal sealed class ListAppend(OperandNode first, OperandNode second) : OperandNode
    {
        public override AttributeValue? Evaluate(AttributeValue? item)
        {
            var (a, b) = (Require(first, item), Require(second, item));
            if (a.Kind != AttributeKind.L || b.Kind != AttributeKind.L)
                throw DynamoDbException.Invalid("Invalid UpdateExpression: Incorrect operand type for operator or function; operator or function: list_append, operand type: " + (a.Kind != AttributeKind.L ? a.Kind : b.Kind));
            return AttributeValue.FromList(a.List.Concat(b.List));
        }
    }

    /// <summary><c>a + b</c> and <c>a - b</c> on numbers.</summary>
    internal sealed class Arithmetic(OperandNode left, OperandNode right, bool isAddition) : OperandNode
    {
        public override AttributeValue? Evaluate(AttributeValue? item)
        {
            var (a, b) = (Require(left, item), Require(right, item));
            if (a.Kind != AttributeKind.N || b.Kind != AttributeKind.N)
                throw DynamoDbException.Invalid("An operand in the update expression has an incorrect data type");
            return AttributeValue.FromNumber(isAddition ? a.Number + b.Number : a.Number - b.Number);
        }
    }

    private static AttributeValue Require(OperandNode operand, AttributeValue? item) =>
        operand.Evaluate(item) ?? throw DynamoDbException.Invalid("The provided expression refers to an attribute that does not exist in the item");
}
