using System.Globalization;
using SageBuild.StateMachines.Model;

namespace SageBuild.StateMachines.Expressions;

/// <summary>
/// A hand-written recursive-descent parser for Jayway-flavoured JSONPath. One instance parses one text; the
/// filter grammar is in <c>JsonPathParser.Filters.cs</c>.
/// </summary>
internal sealed partial class JsonPathParser
{
    private readonly string _text;
    private int _position;

    private JsonPathParser(string text, int position)
    {
        _text = text;
        _position = position;
    }

    public static JsonPath Parse(string text)
    {
        var parser = new JsonPathParser(text, 0);
        var path = parser.ParsePath();
        if (parser._position < text.Length)
            throw parser.Error($"unexpected '{text[parser._position]}'; a step starts with '.' or '['");
        return path;
    }

    /// <summary>
    /// Parses a path embedded in a larger text (an intrinsic function argument) from <paramref name="start"/> to
    /// <paramref name="end"/>; positions in errors refer to the larger text.
    /// </summary>
    public static JsonPath ParseEmbedded(string text, int start, int end)
    {
        try
        {
            return Parse(text[start..end]);
        }
        catch (ExpressionSyntaxException e)
        {
            throw new ExpressionSyntaxException(text, start + e.Position, e.Reason);
        }
    }

    private JsonPath ParsePath()
    {
        if (_text.Length == 0 || _text[0] != '$')
            throw Error("a JSONPath starts with '$'");
        _position = 1;
        var root = JsonPathRoot.Input;
        string? variable = null;
        if (Peek() == '$')
        {
            root = JsonPathRoot.Context;
            _position++;
        }
        else if (IsVariableStart(Peek()))
        {
            root = JsonPathRoot.Variable;
            var start = _position;
            while (_position < _text.Length && IsVariablePart(_text[_position]))
                _position++;
            variable = _text[start.._position];
        }

        var segments = new List<PathSegment>();
        var positions = new List<int>();
        ParseSegments(segments, positions, inFilter: false);
        return new JsonPath(_text, root, variable, ValueList.Create<PathSegment>([.. segments]), [.. positions]);
    }

    /// <summary>Reads steps while the next character starts one; in a filter, stops at anything else.</summary>
    private void ParseSegments(List<PathSegment> segments, List<int> positions, bool inFilter)
    {
        while (_position < _text.Length)
        {
            var start = _position;
            var c = _text[_position];
            if (segments.Count > 0 && segments[^1] is FunctionSegment)
                throw Error("a function such as length() ends the path");
            PathSegment segment;
            if (c == '.')
                segment = ParseDotSegment(inFilter);
            else if (c == '[')
                segment = ParseBracketSegment();
            else if (inFilter)
                return;
            else
                throw Error($"unexpected '{c}'; a step starts with '.' or '['");
            segments.Add(segment);
            positions.Add(start);
        }
    }

    private PathSegment ParseDotSegment(bool inFilter)
    {
        _position++;
        if (Peek() == '.')
        {
            _position++;
            var c = Peek();
            if (c == '*')
            {
                _position++;
                return new DescendantSegment(WildcardSegment.Instance);
            }

            if (c == '[')
                return new DescendantSegment(ParseBracketSegment());
            var (name, isFunction) = ReadDotName(inFilter, "after '..'");
            if (isFunction)
                throw Error("a function cannot follow '..'");
            return new DescendantSegment(new PropertySegment(name));
        }

        if (Peek() == '*')
        {
            _position++;
            return WildcardSegment.Instance;
        }

        var (property, function) = ReadDotName(inFilter, "after '.'");
        return function ? new FunctionSegment(property) : new PropertySegment(property);
    }

    /// <summary>Reads a dot-notation name up to the next '.', '[' or '(' (a function call), as Jayway does.</summary>
    private (string Name, bool IsFunction) ReadDotName(bool inFilter, string where)
    {
        var start = _position;
        while (_position < _text.Length)
        {
            var c = _text[_position];
            if (c is '.' or '[' or '(')
                break;
            if (char.IsWhiteSpace(c))
            {
                if (inFilter)
                    break;
                throw Error("a name with blanks needs bracket notation, such as ['my name']");
            }

            if (inFilter && c is '=' or '!' or '<' or '>' or '&' or '|' or ')' or ']' or ',')
                break;
            if (c is ']' or ')')
                throw Error($"unexpected '{c}' in a name");
            _position++;
        }

        if (_position == start)
            throw Error($"expected a property name {where}");
        var name = _text[start.._position];
        if (Peek() != '(')
            return (name, false);
        _position++;
        SkipWhitespace();
        if (Peek() != ')')
            throw Error($"the function {name}() takes no arguments");
        _position++;
        return (name, true);
    }

    private PathSegment ParseBracketSegment()
    {
        _position++;
        SkipWhitespace();
        var c = Peek();
        PathSegment segment;
        if (c == '*')
        {
            _position++;
            segment = WildcardSegment.Instance;
        }
        else if (c == '?')
        {
            segment = ParseFilterSegment();
        }
        else if (c is '\'' or '"')
        {
            segment = ParseQuotedNames();
        }
        else if (c == '-' || c == ':' || char.IsAsciiDigit(c))
        {
            segment = ParseIndexesOrSlice();
        }
        else
        {
            throw _position >= _text.Length
                ? Error("the path ends inside '['")
                : Error($"unexpected '{c}' after '['; expected '*', '?(', a quoted name, an index or a slice");
        }

        SkipWhitespace();
        Expect(']');
        return segment;
    }

    private PathSegment ParseQuotedNames()
    {
        var names = new List<string>();
        while (true)
        {
            SkipWhitespace();
            var quote = Peek();
            if (quote is not ('\'' or '"'))
                throw Error("expected a quoted name");
            names.Add(ReadRawQuoted(quote));
            SkipWhitespace();
            if (Peek() != ',')
                break;
            _position++;
        }

        return names.Count == 1 ? new PropertySegment(names[0]) : new PropertyUnionSegment(ValueList.Create<string>([.. names]));
    }

    /// <summary>
    /// Reads a quoted name. A backslash keeps the next character from ending the name, and both stay in the name:
    /// AWS matches <c>['a\"b']</c> against the key <c>a\"b</c>, backslash included.
    /// </summary>
    private string ReadRawQuoted(char quote)
    {
        var open = _position;
        _position++;
        var start = _position;
        while (_position < _text.Length)
        {
            var c = _text[_position];
            if (c == '\\')
            {
                _position += 2;
                continue;
            }

            if (c == quote)
            {
                var name = _text[start.._position];
                _position++;
                return name;
            }

            _position++;
        }

        throw new ExpressionSyntaxException(_text, open, $"the quoted name starting here has no closing {quote}");
    }

    private PathSegment ParseIndexesOrSlice()
    {
        var first = TryReadInteger();
        SkipWhitespace();
        if (Peek() == ':')
        {
            _position++;
            SkipWhitespace();
            var end = TryReadInteger();
            SkipWhitespace();
            int? step = null;
            if (Peek() == ':')
            {
                _position++;
                SkipWhitespace();
                var stepStart = _position;
                step = TryReadInteger();
                if (step == 0)
                    throw new ExpressionSyntaxException(_text, stepStart, "a slice's step cannot be 0");
            }

            return new SliceSegment(first, end, step);
        }

        if (first is not { } index)
            throw Error("expected an index");
        if (Peek() != ',')
            return new IndexSegment(index);
        var indexes = new List<int> { index };
        while (Peek() == ',')
        {
            _position++;
            SkipWhitespace();
            indexes.Add(TryReadInteger() ?? throw Error("expected an index after ','"));
            SkipWhitespace();
        }

        return new IndexUnionSegment(ValueList.Create<int>([.. indexes]));
    }

    private int? TryReadInteger()
    {
        var start = _position;
        if (Peek() == '-')
            _position++;
        var digits = _position;
        while (_position < _text.Length && char.IsAsciiDigit(_text[_position]))
            _position++;
        if (_position == digits)
        {
            if (_position > start)
                throw Error("expected digits after '-'");
            return null;
        }

        if (!int.TryParse(_text.AsSpan(start, _position - start), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
            throw new ExpressionSyntaxException(_text, start, "the index is too large");
        return value;
    }

    private static bool IsVariableStart(char c) => char.IsLetter(c) || c == '_';

    private static bool IsVariablePart(char c) => char.IsLetterOrDigit(c) || c == '_';

    private char Peek() => _position < _text.Length ? _text[_position] : '\0';

    private bool At(string token) => string.CompareOrdinal(_text, _position, token, 0, token.Length) == 0;

    private void SkipWhitespace()
    {
        while (_position < _text.Length && char.IsWhiteSpace(_text[_position]))
            _position++;
    }

    private void Expect(char c)
    {
        if (Peek() != c)
        {
            throw _position >= _text.Length
                ? Error($"expected '{c}' but the path ends")
                : Error($"expected '{c}' but found '{_text[_position]}'");
        }

        _position++;
    }

    private ExpressionSyntaxException Error(string reason) => new(_text, _position, reason);
}
