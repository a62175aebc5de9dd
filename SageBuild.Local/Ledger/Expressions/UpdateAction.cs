namespace SageBuild.Local.Ledger.Expressions;

/// <summary>
/// One action of an UpdateExpression. Every operand is evaluated against the item as it was before the update
/// (the target is where the result goes), as DynamoDB does.
/// </summary>
internal abstract class UpdateAction(AttributePath target)
{
    public AttributePath Target { get; } = target;

    public abstract AttributeValue Apply(AttributeValue item, AttributeValue? original);

    internal sealed class Set(AttributePath target, OperandNode value) : UpdateAction(target)
    {
        public override AttributeValue Apply(AttributeValue item, AttributeValue? original)
        {
            var result = value.Evaluate(original)
                ?? throw DynamoDbException.Invalid("The provided expression refers to an attribute that does not exist in the item");
            return DocumentPaths.Set(item, Target, result);
        }
    }

    internal sealed class Remove(AttributePath target) : UpdateAction(target)
    {
        public override AttributeValue Apply(AttributeValue item, AttributeValue? original) => DocumentPaths.Remove(item, Target);
    }

    /// <summary>ADD: adds to a number (an absent one counts as 0) or adds members to a set (an absent one counts as empty).</summary>
    internal sealed class Add(AttributePath target, AttributeValue value) : UpdateAction(target)
    {
        public override AttributeValue Apply(AttributeValue item, AttributeValue? original)
        {
            if (value.Kind != AttributeKind.N && !value.IsSet)
                throw DynamoDbException.Invalid($"Invalid UpdateExpression: Incorrect operand type for operator or function; operator: ADD, operand type: {Describe(value.Kind)}");
            var current = DocumentPaths.Get(original, Target);
            AttributeValue result;
            if (current is null)
                result = value;
            else if (current.Kind != value.Kind)
                throw DynamoDbException.Invalid("An operand in the update expression has an incorrect data type");
            else if (value.Kind == AttributeKind.N)
                result = AttributeValue.FromNumber(current.Number + value.Number);
            else
                result = AttributeValue.FromSet(value.Kind, current.Set.Concat(value.Set));
            return DocumentPaths.Set(item, Target, result);
        }
    }

    /// <summary>DELETE: removes members from a set; a set left empty is removed, as DynamoDB has no empty sets.</summary>
    internal sealed class Delete(AttributePath target, AttributeValue value) : UpdateAction(target)
    {
        public override AttributeValue Apply(AttributeValue item, AttributeValue? original)
        {
            if (!value.IsSet)
                throw DynamoDbException.Invalid($"Invalid UpdateExpression: Incorrect operand type for operator or function; operator: DELETE, operand type: {Describe(value.Kind)}");
            var current = DocumentPaths.Get(original, Target);
            if (current is null)
                return item;
            if (current.Kind != value.Kind)
                throw DynamoDbException.Invalid("An operand in the update expression has an incorrect data type");
            var remaining = current.Set.Except(value.Set, StringComparer.Ordinal).ToArray();
            return remaining.Length == 0 ? DocumentPaths.Remove(item, Target) : DocumentPaths.Set(item, Target, AttributeValue.FromSet(value.Kind, remaining));
        }
    }

    private static string Describe(AttributeKind kind) => kind switch
    {
        AttributeKind.S => "STRING",
        AttributeKind.B => "BINARY",
        AttributeKind.BOOL => "BOOLEAN",
        AttributeKind.M => "MAP",
        AttributeKind.L => "LIST",
        _ => kind.ToString(),
    };
}
