using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using SageBuild.StateMachines.Json;
using SageBuild.StateMachines.Model;

namespace SageBuild.StateMachines.Expressions;

/// <summary>The filter grammar: <c>[?( or-expression )]</c>.</summary>
internal sealed partial class JsonPathParser
{
    private static readonly (string Token, FilterOperator Operator)[] SymbolOperators =
    [
        ("==", FilterOperator.Equal),
        ("!=", FilterOperator.NotEqual),
        ("<=", FilterOperator.LessOrEqual),
        (">=", FilterOperator.GreaterOrEqual),
        ("=~", FilterOperator.Matches),
        ("<", FilterOperator.Less),
        (">", FilterOperator.Greater),
    ];

    private static readonly (string Token, FilterOperator Operator)[] WordOperators =
    [
        ("subsetof", FilterOperator.SubsetOf),
        ("anyof", FilterOperator.AnyOf),
        ("noneof", FilterOperator.NoneOf),
        ("empty", FilterOperator.Empty),
        ("size", FilterOperator.Size),
        ("nin", FilterOperator.NotIn),
        ("in", FilterOperator.In),
    ];

    private FilterSegment ParseFilterSegment()
    {
        _position++;
        Expect('(');
        var start = _position;
        var expression = ParseOr();
        SkipWhitespace();
        var end = _position;
        Expect(')');
        return new FilterSegment(_text[start..end].Trim(), expression);
    }

    private FilterExpression ParseOr()
    {
        var left = ParseAnd();
        while (true)
        {
            SkipWhitespace();
            if (!At("||"))
                return left;
            _position += 2;
            left = new FilterOr(left, ParseAnd());
        }
    }

    private FilterExpression ParseAnd()
    {
        var left = ParseUnary();
        while (true)
        {
            SkipWhitespace();
            if (!At("&&"))
                return left;
            _position += 2;
            left = new FilterAnd(left, ParseUnary());
        }
    }

    private FilterExpression ParseUnary()
    {
        SkipWhitespace();
        if (Peek() == '!' && !At("!="))
        {
            _position++;
            return new FilterNot(ParseUnary());
        }

        if (Peek() == '(')
        {
            _position++;
            var inner = ParseOr();
            SkipWhitespace();
            Expect(')');
            return inner;
        }

        return ParseRelation();
    }

    private FilterExpression ParseRelation()
    {
        var leftStart = _position;
        var left = ParseOperand();
        SkipWhitespace();
        var op = TryReadOperator();
        if (op is not { } relation)
        {
            return left is FilterPathOperand path
                ? new FilterExists(path)
                : throw new ExpressionSyntaxException(_text, leftStart, "a filter needs a comparison or a path that must exist");
        }

        SkipWhitespace();
        var rightStart = _position;
        var right = ParseOperand();
        if (relation == FilterOperator.Matches && right is not FilterRegexOperand)
            throw new ExpressionSyntaxException(_text, rightStart, "'=~' needs a regular expression such as /pattern/i");
        if (relation != FilterOperator.Matches && right is FilterRegexOperand)
            throw new ExpressionSyntaxException(_text, rightStart, "a regular expression goes only after '=~'");
        return new FilterComparison(left, relation, right);
    }

    private FilterOperator? TryReadOperator()
    {
        foreach (var (token, op) in SymbolOperators)
        {
            if (At(token))
            {
                _position += token.Length;
                return op;
            }
        }

        foreach (var (token, op) in WordOperators)
        {
            var after = _position + token.Length;
            if (At(token) && (after >= _text.Length || !char.IsLetterOrDigit(_text[after])))
            {
                _position = after;
                return op;
            }
        }

        return null;
    }

    private FilterOperand ParseOperand()
    {
        SkipWhitespace();
        var c = Peek();
        switch (c)
        {
            case '@':
            case '$':
                _position++;
                var segments = new List<PathSegment>();
                ParseSegments(segments, [], inFilter: true);
                return new FilterPathOperand(c == '@', ValueList.Create<PathSegment>([.. segments]));
            case '\'':
            case '"':
                return new FilterLiteralOperand(JsonString.From(ReadFilterString(c)));
            case '/':
                return ParseRegex();
            case '[':
                return new FilterLiteralOperand(ParseArrayLiteral());
            default:
                return new FilterLiteralOperand(ParseScalarLiteral());
        }
    }

    private JsonValue ParseScalarLiteral()
    {
        var c = Peek();
        if (c == '-' || char.IsAsciiDigit(c))
            return ReadNumber();
        foreach (var (word, value) in new (string, JsonValue)[] { ("true", JsonBoolean.True), ("false", JsonBoolean.False), ("null", JsonNull.Instance) })
        {
            if (At(word))
            {
                _position += word.Length;
                return value;
            }
        }

        throw _position >= _text.Length
            ? Error("the filter ends where a value was expected")
            : Error($"unexpected '{c}'; expected @, $, a string, a number, true, false, null, an array or /regex/");
    }

    private JsonArray ParseArrayLiteral()
    {
        _position++;
        var items = new List<JsonValue>();
        SkipWhitespace();
        if (Peek() == ']')
        {
            _position++;
            return JsonArray.Empty;
        }

        while (true)
        {
            SkipWhitespace();
            var c = Peek();
            items.Add(c is '\'' or '"' ? JsonString.From(ReadFilterString(c)) : c == '[' ? ParseArrayLiteral() : ParseScalarLiteral());
            SkipWhitespace();
            if (Peek() == ',')
            {
                _position++;
                continue;
            }

            Expect(']');
            return JsonArray.Wrap([.. items]);
        }
    }

    private JsonNumber ReadNumber()
    {
        var start = _position;
        if (Peek() == '-')
            _position++;
        while (_position < _text.Length && (char.IsAsciiDigit(_text[_position]) || _text[_position] is '.' or 'e' or 'E' or '+' || (_text[_position] == '-' && _text[_position - 1] is 'e' or 'E')))
            _position++;
        var literal = _text[start.._position];
        if (!double.TryParse(literal, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || double.IsInfinity(value) || literal == "-")
            throw new ExpressionSyntaxException(_text, start, $"'{literal}' is not a number");
        return JsonNumber.FromLiteral(value, literal);
    }

    /// <summary>A string literal in a filter: a backslash escapes the quote, a backslash, or a JSON control character.</summary>
    private string ReadFilterString(char quote)
    {
        var open = _position;
        _position++;
        var builder = new StringBuilder();
        while (_position < _text.Length)
        {
            var c = _text[_position++];
            if (c == quote)
                return builder.ToString();
            if (c != '\\' || _position >= _text.Length)
            {
                builder.Append(c);
                continue;
            }

            var escaped = _text[_position++];
            builder.Append(escaped switch
            {
                'n' => '\n',
                't' => '\t',
                'r' => '\r',
                'b' => '\b',
                'f' => '\f',
                _ => escaped,
            });
        }

        throw new ExpressionSyntaxException(_text, open, $"the string starting here has no closing {quote}");
    }

    private FilterRegexOperand ParseRegex()
    {
        var open = _position;
        _position++;
        var builder = new StringBuilder();
        while (true)
        {
            if (_position >= _text.Length)
                throw new ExpressionSyntaxException(_text, open, "the regular expression starting here has no closing '/'");
            var c = _text[_position++];
            if (c == '/')
                break;
            if (c == '\\' && Peek() == '/')
            {
                builder.Append('/');
                _position++;
                continue;
            }

            builder.Append(c);
        }

        var flagsStart = _position;
        while (_position < _text.Length && char.IsAsciiLetterLower(_text[_position]))
            _position++;
        var flags = _text[flagsStart.._position];
        foreach (var flag in flags)
        {
            if (flag is not ('i' or 'm' or 's' or 'x'))
                throw new ExpressionSyntaxException(_text, flagsStart, $"'{flag}' is not a regular expression flag; use i, m, s or x");
        }

        var pattern = builder.ToString();
        try
        {
            _ = new Regex(pattern, RegexOptions.CultureInvariant);
        }
        catch (ArgumentException e)
        {
            throw new ExpressionSyntaxException(_text, open, $"the regular expression does not parse: {e.Message}");
        }

        return new FilterRegexOperand(pattern, flags);
    }
}
