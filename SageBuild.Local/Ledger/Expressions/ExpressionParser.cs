using System.Globalization;

namespace SageBuild.Local.Ledger.Expressions;

/// <summary>
/// A recursive-descent parser for the subset of DynamoDB's expression language that the ledger supports:
/// ConditionExpression (comparators, BETWEEN, IN, AND, OR, NOT, parentheses, attribute_exists, attribute_not_exists,
/// attribute_type, begins_with, contains, size), UpdateExpression (SET with +, -, if_not_exists and list_append;
/// REMOVE; ADD; DELETE), and ProjectionExpression. Precedence, lowest first: OR, AND, NOT, then the rest.
/// </summary>
internal sealed class ExpressionParser
{
    private static readonly string[] Comparators = ["=", "<>", "<", "<=", ">", ">="];
    private static readonly string[] ConditionFunctions = ["attribute_exists", "attribute_not_exists", "attribute_type", "begins_with", "contains"];

    private readonly string _text;
    private readonly string _expressionName;
    private readonly ExpressionAttributes _attributes;
    private readonly List<ExpressionToken> _tokens;
    private int _index;

    private ExpressionParser(string text, string expressionName, ExpressionAttributes attributes)
    {
        _text = text;
        _expressionName = expressionName;
        _attributes = attributes;
        if (string.IsNullOrWhiteSpace(text))
            throw DynamoDbException.Invalid($"Invalid {expressionName}: The expression can not be empty;");
        _tokens = ExpressionLexer.Tokenize(text, expressionName);
    }

    private ExpressionToken Current => _tokens[_index];

    public static ConditionNode ParseCondition(string text, ExpressionAttributes attributes)
    {
        var parser = new ExpressionParser(text, "ConditionExpression", attributes);
        var condition = parser.ParseOr();
        parser.ExpectEnd();
        return condition;
    }

    public static IReadOnlyList<AttributePath> ParseProjection(string text, ExpressionAttributes attributes)
    {
        var parser = new ExpressionParser(text, "ProjectionExpression", attributes);
        var paths = new List<AttributePath> { parser.ParsePath() };
        while (parser.TryTake(","))
            paths.Add(parser.ParsePath());
        parser.ExpectEnd();
        return paths;
    }

    public static UpdatePlan ParseUpdate(string text, ExpressionAttributes attributes)
    {
        var parser = new ExpressionParser(text, "UpdateExpression", attributes);
        var sections = new Dictionary<string, List<UpdateAction>>(StringComparer.Ordinal);
        while (parser.Current.Kind != TokenKind.End)
        {
            var keyword = parser.Current.Kind == TokenKind.Identifier ? parser.Current.Text.ToUpperInvariant() : "";
            if (keyword is not ("SET" or "REMOVE" or "ADD" or "DELETE"))
                throw parser.Unexpected();
            if (sections.ContainsKey(keyword))
                throw DynamoDbException.Invalid($"Invalid UpdateExpression: The \"{keyword}\" section can only be used once in an update expression;");
            parser._index++;
            var actions = sections[keyword] = [];
            do
            {
                actions.Add(parser.ParseUpdateAction(keyword));
            }
            while (parser.TryTake(","));
        }

        // SET first, then REMOVE from the highest list index down so that removals refer to the original positions.
        var ordered = new List<UpdateAction>();
        foreach (var keyword in new[] { "SET", "REMOVE", "ADD", "DELETE" })
        {
            if (!sections.TryGetValue(keyword, out var actions))
                continue;
            ordered.AddRange(keyword == "REMOVE"
                ? actions.OrderByDescending(a => a.Target.Elements[^1].IsIndex ? a.Target.Elements[^1].Index : -1)
                : actions);
        }

        for (var i = 0; i < ordered.Count; i++)
        {
            for (var j = i + 1; j < ordered.Count; j++)
            {
                if (ordered[i].Target.Overlaps(ordered[j].Target))
                {
                    throw DynamoDbException.Invalid(
                        $"Invalid UpdateExpression: Two document paths overlap with each other; must remove or rewrite one of these paths; path one: {ordered[i].Target.ToListText()}, path two: {ordered[j].Target.ToListText()}");
                }
            }
        }

        return new UpdatePlan(ordered);
    }

    internal static DynamoDbException SyntaxError(string expressionName, string text, string token, int position)
    {
        var from = Math.Max(0, position - 12);
        var to = Math.Min(text.Length, position + token.Length + 12);
        return DynamoDbException.Invalid($"Invalid {expressionName}: Syntax error; token: \"{token}\", near: \"{text[from..to].Trim()}\"");
    }

    private UpdateAction ParseUpdateAction(string keyword)
    {
        var path = ParsePath();
        switch (keyword)
        {
            case "SET":
                Expect("=");
                return new UpdateAction.Set(path, ParseSetValue());
            case "REMOVE":
                return new UpdateAction.Remove(path);
            default:
                if (Current.Kind != TokenKind.ValuePlaceholder)
                    throw Unexpected();
                var value = _attributes.Value(Take().Text);
                return keyword == "ADD" ? new UpdateAction.Add(path, value) : new UpdateAction.Delete(path, value);
        }
    }

    private OperandNode ParseSetValue()
    {
        var left = ParseSetTerm();
        if (TryTake("+"))
            return new OperandNode.Arithmetic(left, ParseSetTerm(), isAddition: true);
        if (TryTake("-"))
            return new OperandNode.Arithmetic(left, ParseSetTerm(), isAddition: false);
        return left;
    }

    private OperandNode ParseSetTerm()
    {
        if (Current.Kind == TokenKind.ValuePlaceholder)
            return new OperandNode.ValueOperand(_attributes.Value(Take().Text));
        if (Current.Kind == TokenKind.Identifier && _tokens[_index + 1].Is("("))
        {
            var function = Take();
            Expect("(");
            OperandNode result;
            switch (function.Text)
            {
                case "if_not_exists":
                    var path = ParsePath();
                    Expect(",");
                    result = new OperandNode.IfNotExists(path, ParseSetTerm());
                    break;
                case "list_append":
                    var first = ParseSetTerm();
                    Expect(",");
                    result = new OperandNode.ListAppend(first, ParseSetTerm());
                    break;
                default:
                    throw DynamoDbException.Invalid(ConditionFunctions.Contains(function.Text, StringComparer.Ordinal) || function.Text == "size"
                        ? $"Invalid UpdateExpression: The function is not allowed in an update expression; function: {function.Text}"
                        : $"Invalid UpdateExpression: Invalid function name; function: {function.Text}");
            }

            Expect(")");
            return result;
        }

        return new OperandNode.PathOperand(ParsePath());
    }

    private ConditionNode ParseOr()
    {
        var left = ParseAnd();
        while (Current.IsKeyword("OR"))
        {
            _index++;
            left = new ConditionNode.Or(left, ParseAnd());
        }

        return left;
    }

    private ConditionNode ParseAnd()
    {
        var left = ParseNot();
        while (Current.IsKeyword("AND"))
        {
            _index++;
            left = new ConditionNode.And(left, ParseNot());
        }

        return left;
    }

    private ConditionNode ParseNot()
    {
        if (Current.IsKeyword("NOT"))
        {
            _index++;
            return new ConditionNode.Not(ParseNot());
        }

        return ParsePredicate();
    }

    private ConditionNode ParsePredicate()
    {
        if (TryTake("("))
        {
            var inner = ParseOr();
            Expect(")");
            return inner;
        }

        if (Current.Kind == TokenKind.Identifier && _tokens[_index + 1].Is("(") && ConditionFunctions.Contains(Current.Text, StringComparer.Ordinal))
            return ParseConditionFunction();

        var left = ParseOperand();
        if (Current.Kind == TokenKind.Symbol && Comparators.Contains(Current.Text, StringComparer.Ordinal))
        {
            var comparator = Take().Text;
            return new ConditionNode.Comparison(left, comparator, ParseOperand());
        }

        if (Current.IsKeyword("BETWEEN"))
        {
            _index++;
            var low = ParseOperand();
            if (!Current.IsKeyword("AND"))
                throw Unexpected();
            _index++;
            return new ConditionNode.Between(left, low, ParseOperand());
        }

        if (Current.IsKeyword("IN"))
        {
            _index++;
            Expect("(");
            var candidates = new List<OperandNode> { ParseOperand() };
            while (TryTake(","))
                candidates.Add(ParseOperand());
            Expect(")");
            return new ConditionNode.In(left, candidates);
        }

        throw Unexpected();
    }

    private ConditionNode ParseConditionFunction()
    {
        var name = Take().Text;
        Expect("(");
        ConditionNode result;
        switch (name)
        {
            case "attribute_exists":
            case "attribute_not_exists":
                result = new ConditionNode.AttributeExists(ParsePath(), name == "attribute_exists");
                break;
            case "attribute_type":
                var path = ParsePath();
                Expect(",");
                result = new ConditionNode.AttributeType(path, ParseOperand());
                break;
            case "begins_with":
                var value = ParseOperand();
                Expect(",");
                result = new ConditionNode.BeginsWith(value, ParseOperand());
                break;
            default:
                var container = ParseOperand();
                Expect(",");
                result = new ConditionNode.Contains(container, ParseOperand());
                break;
        }

        Expect(")");
        return result;
    }

    private OperandNode ParseOperand()
    {
        if (Current.Kind == TokenKind.ValuePlaceholder)
            return new OperandNode.ValueOperand(_attributes.Value(Take().Text));
        if (Current.Kind == TokenKind.Identifier && _tokens[_index + 1].Is("("))
        {
            var function = Take();
            if (function.Text != "size")
            {
                throw DynamoDbException.Invalid(ConditionFunctions.Contains(function.Text, StringComparer.Ordinal)
                    ? $"Invalid {_expressionName}: The function is not allowed to be used this way in an expression; function: {function.Text}"
                    : $"Invalid {_expressionName}: Invalid function name; function: {function.Text}");
            }

            Expect("(");
            var path = ParsePath();
            Expect(")");
            return new OperandNode.SizeOperand(path);
        }

        return new OperandNode.PathOperand(ParsePath());
    }

    private AttributePath ParsePath()
    {
        var elements = new List<PathElement> { PathElement.Key(ParseName()) };
        while (true)
        {
            if (TryTake("."))
            {
                elements.Add(PathElement.Key(ParseName()));
            }
            else if (Current.Is("["))
            {
                _index++;
                if (Current.Kind != TokenKind.Number || !int.TryParse(Current.Text, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
                    throw Unexpected();
                _index++;
                Expect("]");
                elements.Add(PathElement.At(index));
            }
            else
            {
                return new AttributePath(elements);
            }
        }
    }

    private string ParseName() => Current.Kind switch
    {
        TokenKind.Identifier => Take().Text,
        TokenKind.NamePlaceholder => _attributes.Name(Take().Text),
        _ => throw Unexpected(),
    };

    private ExpressionToken Take() => _tokens[_index++];

    private bool TryTake(string symbol)
    {
        if (!Current.Is(symbol))
            return false;
        _index++;
        return true;
    }

    private void Expect(string symbol)
    {
        if (!TryTake(symbol))
            throw Unexpected();
    }

    private void ExpectEnd()
    {
        if (Current.Kind != TokenKind.End)
            throw Unexpected();
    }

    private DynamoDbException Unexpected() => SyntaxError(_expressionName, _text, Current.Text, Current.Position);
}
