namespace SageBuild.StateMachines.Jsonata;

/// <summary>
/// A top-down operator precedence (Pratt) parser for the whole JSONata 2.x grammar. It produces the raw tree, which
/// <see cref="JsonataAstProcessor"/> then reshapes into paths, steps, stages and tuple bindings.
/// </summary>
internal sealed class JsonataParser
{
    private static readonly Dictionary<string, int> BindingPowers = new(StringComparer.Ordinal)
    {
        ["."] = 75, ["["] = 80, ["]"] = 0, ["{"] = 70, ["}"] = 0, ["("] = 80, [")"] = 0, [","] = 0, ["@"] = 80, ["#"] = 80,
        [";"] = 80, [":"] = 80, ["?"] = 20, ["+"] = 50, ["-"] = 50, ["*"] = 60, ["/"] = 60, ["%"] = 60, ["|"] = 20, ["="] = 40,
        ["<"] = 40, [">"] = 40, ["^"] = 40, ["**"] = 60, [".."] = 20, [":="] = 10, ["!="] = 40, ["<="] = 40, [">="] = 40,
        ["~>"] = 40, ["?:"] = 40, ["??"] = 40, ["and"] = 30, ["or"] = 25, ["in"] = 40, ["&"] = 50,
    };

    private static readonly HashSet<string> PlainInfix = new(StringComparer.Ordinal)
    {
        ".", "+", "-", "*", "/", "%", "=", "<", ">", "!=", "<=", ">=", "&", "and", "or", "in", "~>",
    };

    private readonly string _source;
    private readonly JsonataTokenizer _tokenizer;
    private Current _node;

    private JsonataParser(string source)
    {
        _source = source;
        _tokenizer = new JsonataTokenizer(source);
    }

    /// <summary>Parses and post-processes <paramref name="source"/>; throws <see cref="JsonataSyntaxException"/>.</summary>
    public static JsonataNode Parse(string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var parser = new JsonataParser(source);
        parser.Advance();
        var raw = parser.Expression(0);
        if (!parser._node.IsEnd)
            throw new JsonataSyntaxException("S0201", parser._node.Position, parser._node.Id);
        return JsonataAstProcessor.Process(raw);
    }

    /// <summary>The token under the parser: its symbol id and, for literals and names, its node.</summary>
    private readonly record struct Current(string Id, JsonataTokenType? TokenType, JsonataToken Token, int Position)
    {
        public bool IsEnd => Id == "(end)";
    }

    private void Advance(string? expected = null, bool infix = false)
    {
        if (expected is not null && _node.Id != expected)
        {
            throw _node.IsEnd
                ? new JsonataSyntaxException("S0203", _node.Position, _node.Id, expected)
                : new JsonataSyntaxException("S0202", _node.Position, _node.Token.Text, expected);
        }

        var next = _tokenizer.Next(infix);
        if (next is not { } token)
        {
            _node = new Current("(end)", null, default, _source.Length);
            return;
        }

        var id = token.Type switch
        {
            JsonataTokenType.Name or JsonataTokenType.Variable => "(name)",
            JsonataTokenType.String or JsonataTokenType.Number or JsonataTokenType.Value => "(literal)",
            JsonataTokenType.Regex => "(regex)",
            _ => token.Text,
        };
        if (token.Type == JsonataTokenType.Operator && !BindingPowers.ContainsKey(token.Text))
            throw new JsonataSyntaxException("S0204", token.Position, token.Text);
        _node = new Current(id, token.Type, token, token.Position);
    }

    // Only infix operators bind to the left; separators such as ':' ';' ',' '..' '|' have no left binding power.
    private static readonly HashSet<string> InfixOperators = new(PlainInfix, StringComparer.Ordinal)
    {
        "??", "?:", "(", "[", "^", "{", ":=", "@", "#", "?",
    };

    private static int LeftBindingPower(Current node) =>
        node.TokenType is JsonataTokenType.Operator && InfixOperators.Contains(node.Id) ? BindingPowers[node.Id] : 0;

    private JsonataNode Expression(int rightBindingPower)
    {
        var t = _node;
        Advance(null, true);
        var left = Nud(t);
        while (rightBindingPower < LeftBindingPower(_node))
        {
            t = _node;
            Advance();
            left = Led(t, left);
        }

        return left;
    }

    private JsonataNode Nud(Current t)
    {
        var token = t.Token;
        switch (t.Id)
        {
            case "(end)":
                // As in the reference parser, the end is a terminal here; what expected more reports it (S0203), or
                // the post-parse pass does (S0207).
                return new JsonataNode(JsonataNodeType.Operator, t.Position, "(end)");
            case "(name)":
                return token.Type == JsonataTokenType.Variable
                    ? new JsonataNode(JsonataNodeType.Variable, t.Position, token.Text)
                    : new JsonataNode(JsonataNodeType.Name, t.Position, token.Text);
            case "(literal)":
                var type = token.Type switch
                {
                    JsonataTokenType.String => JsonataNodeType.String,
                    JsonataTokenType.Number => JsonataNodeType.Number,
                    _ => JsonataNodeType.Value,
                };
                return new JsonataNode(type, t.Position, token.Text) { Literal = token.Literal };
            case "(regex)":
                return new JsonataNode(JsonataNodeType.Regex, t.Position, token.Text) { RegexPattern = token.Text, RegexFlags = token.RegexFlags };
            case "and" or "or" or "in":
                // The keywords double as field names.
                return new JsonataNode(JsonataNodeType.Name, t.Position, t.Id);
            case "-":
                return new JsonataNode(JsonataNodeType.Unary, t.Position, "-") { Expression = Expression(70) };
            case "*":
                return new JsonataNode(JsonataNodeType.Wildcard, t.Position, "*");
            case "**":
                return new JsonataNode(JsonataNodeType.Descendant, t.Position, "**");
            case "%":
                return new JsonataNode(JsonataNodeType.Parent, t.Position, "%");
            case "(":
                return Block(t);
            case "[":
                return ArrayConstructor(t);
            case "{":
                return ObjectConstructor(t, null);
            case "|":
                return TransformExpression(t);
            default:
                throw new JsonataSyntaxException("S0211", t.Position, t.Id);
        }
    }

    private JsonataNode Led(Current t, JsonataNode left)
    {
        var op = t.Id;
        if (PlainInfix.Contains(op))
        {
            var bp = BindingPowers[op];
            return new JsonataNode(JsonataNodeType.Binary, t.Position, op) { Lhs = left, Rhs = Expression(bp) };
        }

        switch (op)
        {
            case "??":
                // a ?? b  ==  $exists(a) ? a : b
                var exists = new JsonataNode(JsonataNodeType.Function, t.Position, "(")
                {
                    Procedure = new JsonataNode(JsonataNodeType.Variable, t.Position, "exists"),
                    Arguments = [JsonataTreeCloner.Clone(left)],
                };
                return new JsonataNode(JsonataNodeType.Condition, t.Position, "??") { Condition = exists, Then = left, Else = Expression(0) };
            case "?:":
                return new JsonataNode(JsonataNodeType.Condition, t.Position, "?:") { Condition = JsonataTreeCloner.Clone(left), Then = left, Else = Expression(0) };
            case "(":
                return FunctionCall(t, left);
            case "[":
                return Predicate(t, left);
            case "^":
                return OrderBy(t, left);
            case "{":
                return ObjectConstructor(t, left);
            case ":=":
                if (left.Type != JsonataNodeType.Variable)
                    throw new JsonataSyntaxException("S0212", left.Position, left.Value);
                return new JsonataNode(JsonataNodeType.Binary, t.Position, ":=") { Lhs = left, Rhs = Expression(BindingPowers[":="] - 1) };
            case "@" or "#":
                var rhs = Expression(BindingPowers[op]);
                if (rhs.Type != JsonataNodeType.Variable)
                    throw new JsonataSyntaxException("S0214", rhs.Position, op);
                return new JsonataNode(JsonataNodeType.Binary, t.Position, op) { Lhs = left, Rhs = rhs };
            case "?":
                var condition = new JsonataNode(JsonataNodeType.Condition, t.Position, "?") { Condition = left, Then = Expression(0) };
                if (_node.Id == ":")
                {
                    Advance(":");
                    condition.Else = Expression(0);
                }

                return condition;
            default:
                throw new JsonataSyntaxException("S0201", t.Position, op);
        }
    }

    private JsonataNode Block(Current t)
    {
        var expressions = new List<JsonataNode>();
        while (_node.Id != ")")
        {
            expressions.Add(Expression(0));
            if (_node.Id != ";")
                break;
            Advance(";");
        }

        Advance(")", true);
        return new JsonataNode(JsonataNodeType.Block, t.Position, "(") { Expressions = expressions };
    }

    private JsonataNode ArrayConstructor(Current t)
    {
        var items = new List<JsonataNode>();
        if (_node.Id != "]")
        {
            while (true)
            {
                var item = Expression(0);
                if (_node.Id == "..")
                {
                    var range = new JsonataNode(JsonataNodeType.Binary, _node.Position, "..") { Lhs = item };
                    Advance("..");
                    range.Rhs = Expression(0);
                    item = range;
                }

                items.Add(item);
                if (_node.Id != ",")
                    break;
                Advance(",");
            }
        }

        Advance("]", true);
        return new JsonataNode(JsonataNodeType.Unary, t.Position, "[") { Expressions = items };
    }

    private JsonataNode ObjectConstructor(Current t, JsonataNode? left)
    {
        var pairs = new List<(JsonataNode, JsonataNode)>();
        if (_node.Id != "}")
        {
            while (true)
            {
                var key = Expression(0);
                Advance(":");
                var value = Expression(0);
                pairs.Add((key, value));
                if (_node.Id != ",")
                    break;
                Advance(",");
            }
        }

        Advance("}", true);
        return left is null
            ? new JsonataNode(JsonataNodeType.Unary, t.Position, "{") { Pairs = pairs }
            : new JsonataNode(JsonataNodeType.Binary, t.Position, "{") { Lhs = left, RawGroupPairs = pairs };
    }

    private JsonataNode TransformExpression(Current t)
    {
        var node = new JsonataNode(JsonataNodeType.Transform, t.Position, "|") { Pattern = Expression(0) };
        Advance("|");
        node.Update = Expression(0);
        if (_node.Id == ",")
        {
            Advance(",");
            node.Delete = Expression(0);
        }

        Advance("|");
        return node;
    }

    private JsonataNode FunctionCall(Current t, JsonataNode left)
    {
        var node = new JsonataNode(JsonataNodeType.Function, t.Position, "(") { Procedure = left, Arguments = [] };
        if (_node.Id != ")")
        {
            while (true)
            {
                if (_node.TokenType == JsonataTokenType.Operator && _node.Id == "?")
                {
                    node.Type = JsonataNodeType.Partial;
                    node.Arguments.Add(new JsonataNode(JsonataNodeType.Placeholder, _node.Position, "?"));
                    Advance("?");
                }
                else
                {
                    node.Arguments.Add(Expression(0));
                }

                if (_node.Id != ",")
                    break;
                Advance(",");
            }
        }

        Advance(")", true);
        if (left.Type == JsonataNodeType.Name && left.Value is "function" or "\u03BB")
        {
            for (var i = 0; i < node.Arguments.Count; i++)
            {
                if (node.Arguments[i].Type != JsonataNodeType.Variable)
                    throw new JsonataSyntaxException("S0208", node.Arguments[i].Position, node.Arguments[i].Value, (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            node.Type = JsonataNodeType.Lambda;
            if (_node.Id == "<")
            {
                var signatureStart = _node.Position;
                var depth = 1;
                var signature = new System.Text.StringBuilder("<");
                while (depth > 0 && _node.Id != "{" && !_node.IsEnd)
                {
                    Advance();
                    if (_node.Id == ">")
                        depth--;
                    else if (_node.Id == "<")
                        depth++;
                    signature.Append(_node.TokenType is null ? "" : _node.Token.Text);
                }

                Advance(">");
                node.Signature = JsonataSignature.Parse(signature.ToString(), signatureStart);
            }

            Advance("{");
            node.Body = Expression(0);
            Advance("}");
        }

        return node;
    }

    private JsonataNode Predicate(Current t, JsonataNode left)
    {
        if (_node.Id == "]")
        {
            // An empty predicate keeps singleton arrays in the result.
            var step = left;
            while (step is { Type: JsonataNodeType.Binary, Value: "[" })
                step = step.Lhs!;
            step.KeepArray = true;
            Advance("]");
            return left;
        }

        var node = new JsonataNode(JsonataNodeType.Binary, t.Position, "[") { Lhs = left, Rhs = Expression(BindingPowers["]"]) };
        Advance("]", true);
        return node;
    }

    private JsonataNode OrderBy(Current t, JsonataNode left)
    {
        Advance("(");
        var terms = new List<JsonataSortTerm>();
        while (true)
        {
            var descending = false;
            if (_node.Id == "<")
            {
                Advance("<");
            }
            else if (_node.Id == ">")
            {
                descending = true;
                Advance(">");
            }

            terms.Add(new JsonataSortTerm(descending, Expression(0)));
            if (_node.Id != ",")
                break;
            Advance(",");
        }

        Advance(")");
        return new JsonataNode(JsonataNodeType.Binary, t.Position, "^") { Lhs = left, RawTerms = terms };
    }
}
