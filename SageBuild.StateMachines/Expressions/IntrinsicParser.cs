using System.Globalization;
using System.Text;
using SageBuild.StateMachines.Json;
using SageBuild.StateMachines.Model;

namespace SageBuild.StateMachines.Expressions;

/// <summary>Parses <c>States.Name(arg, ...)</c> with nested calls, quoted strings, numbers, literals and paths.</summary>
internal sealed class IntrinsicParser
{
    private readonly string _text;
    private int _position;

    private IntrinsicParser(string text) => _text = text;

    public static IntrinsicCall Parse(string text)
    {
        var parser = new IntrinsicParser(text);
        if (!IntrinsicCall.LooksLikeCall(text))
            throw parser.Error("an intrinsic function starts with 'States.'");
        var call = parser.ParseCall(depth: 1);
        parser.SkipWhitespace();
        if (parser._position < text.Length)
            throw parser.Error($"unexpected '{text[parser._position]}' after the closing ')'");
        return call;
    }

    private IntrinsicCall ParseCall(int depth)
    {
        var start = _position;
        if (depth > IntrinsicFunctions.MaxNesting)
            throw Error($"intrinsic functions nest at most {IntrinsicFunctions.MaxNesting} deep");
        _position += "States.".Length;
        while (_position < _text.Length && char.IsAsciiLetterOrDigit(_text[_position]))
            _position++;
        var name = _text[start.._position];
        if (!IntrinsicFunctions.TryGetArity(name, out var min, out var max))
            throw new ExpressionSyntaxException(_text, start, $"'{name}' is not an intrinsic function");
        SkipWhitespace();
        Expect('(');
        var arguments = new List<IntrinsicArgument>();
        SkipWhitespace();
        if (Peek() == ')')
        {
            _position++;
        }
        else
        {
            while (true)
            {
                arguments.Add(ParseArgument(depth));
                SkipWhitespace();
                if (Peek() == ',')
                {
                    _position++;
                    continue;
                }

                Expect(')');
                break;
            }
        }

        if (arguments.Count < min || arguments.Count > max)
            throw new ExpressionSyntaxException(_text, start, $"{name} takes {IntrinsicFunctions.DescribeArity(min, max)}, not {arguments.Count}");
        if (name == IntrinsicFunctions.Format)
            CheckFormat(arguments, start);
        return new IntrinsicCall(name, ValueList.Create<IntrinsicArgument>([.. arguments]), start);
    }

    private void CheckFormat(List<IntrinsicArgument> arguments, int start)
    {
        switch (arguments[0])
        {
            case IntrinsicLiteralArgument { RawString: { } raw }:
                var placeholders = FormatTemplate.Parse(raw).Placeholders;
                if (placeholders != arguments.Count - 1)
                    throw new ExpressionSyntaxException(_text, start, $"States.Format's template has {placeholders} '{{}}' but {arguments.Count - 1} values follow it");
                break;
            case IntrinsicLiteralArgument literal:
                throw new ExpressionSyntaxException(_text, literal.Position, "States.Format's first argument is a string");
        }
    }

    private IntrinsicArgument ParseArgument(int depth)
    {
        SkipWhitespace();
        var start = _position;
        var c = Peek();
        if (c == '\'')
            return ParseString();
        if (c == '$')
            return ParsePath();
        if (string.CompareOrdinal(_text, _position, "States.", 0, "States.".Length) == 0)
            return ParseCall(depth + 1);
        if (c == '-' || char.IsAsciiDigit(c))
            return ParseNumber();
        foreach (var (word, value) in new (string, JsonValue)[] { ("true", JsonBoolean.True), ("false", JsonBoolean.False), ("null", JsonNull.Instance) })
        {
            if (string.CompareOrdinal(_text, _position, word, 0, word.Length) == 0)
            {
                _position += word.Length;
                return new IntrinsicLiteralArgument(value, start);
            }
        }

        throw _position >= _text.Length
            ? Error("the expression ends where an argument was expected")
            : Error($"unexpected '{c}'; an argument is a quoted string, a number, true, false, null, a path or an intrinsic function");
    }

    private IntrinsicLiteralArgument ParseString()
    {
        var open = _position;
        _position++;
        var rawStart = _position;
        var value = new StringBuilder();
        string? escapeError = null;
        while (true)
        {
            if (_position >= _text.Length)
                throw new ExpressionSyntaxException(_text, open, "the string starting here has no closing quote (write \\' for a quote inside it)");
            var c = _text[_position];
            if (c == '\'')
                break;
            if (c == '\\')
            {
                var next = _position + 1 < _text.Length ? _text[_position + 1] : '\0';
                if (next is '\'' or '{' or '}' or '\\')
                {
                    value.Append(next);
                    _position += 2;
                    continue;
                }

                escapeError ??= $"the backslash at character {_position + 1} of '{_text}' escapes nothing: only \\', \\{{, \\}} and \\\\ are escapes";
            }

            value.Append(c);
            _position++;
        }

        var raw = _text[rawStart.._position];
        _position++;
        return new IntrinsicLiteralArgument(JsonString.From(value.ToString()), open, raw, escapeError);
    }

    /// <summary>A path runs to the ',' or ')' that ends the argument, skipping those inside brackets, filters and quotes.</summary>
    private IntrinsicPathArgument ParsePath()
    {
        var start = _position;
        var depth = 0;
        char quote = '\0';
        while (_position < _text.Length)
        {
            var c = _text[_position];
            if (quote != '\0')
            {
                if (c == '\\')
                    _position++;
                else if (c == quote)
                    quote = '\0';
            }
            else if (c is '\'' or '"' && depth > 0)
            {
                quote = c;
            }
            else if (c is '[' or '(')
            {
                depth++;
            }
            else if (c is ']' || (c == ')' && depth > 0))
            {
                depth--;
            }
            else if (depth == 0 && (c is ',' or ')' || char.IsWhiteSpace(c)))
            {
                break;
            }

            _position++;
        }

        return new IntrinsicPathArgument(JsonPathParser.ParseEmbedded(_text, start, _position), start);
    }

    private IntrinsicLiteralArgument ParseNumber()
    {
        var start = _position;
        if (Peek() == '-')
            _position++;
        while (_position < _text.Length && (char.IsAsciiDigit(_text[_position]) || _text[_position] is '.' or 'e' or 'E' or '+' || (_text[_position] == '-' && _text[_position - 1] is 'e' or 'E')))
            _position++;
        var literal = _text[start.._position];
        if (!double.TryParse(literal, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || double.IsInfinity(value) || !char.IsAsciiDigit(literal[^1]))
            throw new ExpressionSyntaxException(_text, start, $"'{literal}' is not a number");
        return new IntrinsicLiteralArgument(JsonNumber.FromLiteral(value, literal), start);
    }

    private char Peek() => _position < _text.Length ? _text[_position] : '\0';

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
                ? Error($"expected '{c}' but the expression ends")
                : Error($"expected '{c}' but found '{_text[_position]}'");
        }

        _position++;
    }

    private ExpressionSyntaxException Error(string reason) => new(_text, _position, reason);
}
