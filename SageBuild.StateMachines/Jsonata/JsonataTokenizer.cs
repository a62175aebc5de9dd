using System.Globalization;
using System.Text;
using SageBuild.StateMachines.Json;

namespace SageBuild.StateMachines.Jsonata;

/// <summary>Splits a JSONata expression into tokens, one at a time, as the parser asks for them.</summary>
internal sealed class JsonataTokenizer(string source)
{
    // Characters that end a name; the binding powers live in the parser.
    private const string OperatorChars = ".[]{}(),@#;:?+-*/%|=<>^&!~";

    private readonly string _source = source;
    private int _position;

    /// <summary>The next token, or null at the end. <paramref name="infix"/> is true where a '/' divides rather than starts a regex.</summary>
    public JsonataToken? Next(bool infix)
    {
        SkipWhitespace();
        if (_position >= _source.Length)
            return null;
        var c = _source[_position];
        if (c == '/' && Peek(1) == '*')
        {
            var commentStart = _position;
            _position += 2;
            while (!(Peek(0) == '*' && Peek(1) == '/'))
            {
                _position++;
                if (_position >= _source.Length)
                    throw new JsonataSyntaxException("S0106", commentStart);
            }

            _position += 2;
            return Next(infix);
        }

        if (!infix && c == '/')
        {
            _position++;
            return ScanRegex();
        }

        var pair = _position + 1 < _source.Length ? _source.AsSpan(_position, 2) : default;
        foreach (var op in TwoCharOperators)
        {
            if (pair.SequenceEqual(op))
            {
                _position += 2;
                return new JsonataToken(JsonataTokenType.Operator, op, null, _position);
            }
        }

        if (OperatorChars.Contains(c, StringComparison.Ordinal))
        {
            _position++;
            return new JsonataToken(JsonataTokenType.Operator, c.ToString(), null, _position);
        }

        if (c is '"' or '\'')
            return ScanString(c);
        if (c == '-' || char.IsAsciiDigit(c))
        {
            if (ScanNumber() is { } number)
                return number;
        }

        if (c == '`')
        {
            _position++;
            var end = _source.IndexOf('`', _position);
            if (end < 0)
            {
                _position = _source.Length;
                throw new JsonataSyntaxException("S0105", _position);
            }

            var quoted = _source[_position..end];
            _position = end + 1;
            return new JsonataToken(JsonataTokenType.Name, quoted, null, _position);
        }

        var i = _position;
        while (i < _source.Length && !IsWhitespace(_source[i]) && !OperatorChars.Contains(_source[i], StringComparison.Ordinal))
            i++;
        if (c == '$')
        {
            var variable = _source[(_position + 1)..i];
            _position = i;
            return new JsonataToken(JsonataTokenType.Variable, variable, null, _position);
        }

        var name = _source[_position..i];
        _position = i;
        return name switch
        {
            "and" or "or" or "in" => new JsonataToken(JsonataTokenType.Operator, name, null, _position),
            "true" => new JsonataToken(JsonataTokenType.Value, name, JsonBoolean.True, _position),
            "false" => new JsonataToken(JsonataTokenType.Value, name, JsonBoolean.False, _position),
            "null" => new JsonataToken(JsonataTokenType.Value, name, JsonNull.Instance, _position),
            "" => null,
            _ => new JsonataToken(JsonataTokenType.Name, name, null, _position),
        };
    }

    private static readonly string[] TwoCharOperators = ["..", ":=", "!=", ">=", "<=", "**", "~>", "?:", "??"];

    private static bool IsWhitespace(char c) => c is ' ' or '\t' or '\n' or '\r' or '\v';

    private char Peek(int offset) => _position + offset < _source.Length ? _source[_position + offset] : '\0';

    private void SkipWhitespace()
    {
        while (_position < _source.Length && IsWhitespace(_source[_position]))
            _position++;
    }

    private JsonataToken ScanRegex()
    {
        // The opening '/' has been consumed. The closing one is an unescaped '/' outside any brackets.
        var start = _position;
        var depth = 0;
        while (_position < _source.Length)
        {
            var c = _source[_position];
            if (c == '/' && depth == 0 && !IsEscaped(_position))
            {
                var pattern = _source[start.._position];
                if (pattern.Length == 0)
                    throw new JsonataSyntaxException("S0301", _position);
                _position++;
                var flagsStart = _position;
                while (_position < _source.Length && _source[_position] is 'i' or 'm')
                    _position++;
                var flags = _source[flagsStart.._position];
                return new JsonataToken(JsonataTokenType.Regex, pattern, null, _position, flags);
            }

            if (c is '(' or '[' or '{' && _source[_position - 1] != '\\')
                depth++;
            if (c is ')' or ']' or '}' && _source[_position - 1] != '\\')
                depth--;
            _position++;
        }

        throw new JsonataSyntaxException("S0302", _position);
    }

    private bool IsEscaped(int position)
    {
        var backslashes = 0;
        while (position - backslashes - 1 >= 0 && _source[position - backslashes - 1] == '\\')
            backslashes++;
        return backslashes % 2 == 1;
    }

    private JsonataToken ScanString(char quote)
    {
        _position++;
        var text = new StringBuilder();
        while (_position < _source.Length)
        {
            var c = _source[_position];
            if (c == '\\')
            {
                _position++;
                c = Peek(0);
                switch (c)
                {
                    case '"': text.Append('"'); break;
                    case '\\': text.Append('\\'); break;
                    case '/': text.Append('/'); break;
                    case 'b': text.Append('\b'); break;
                    case 'f': text.Append('\f'); break;
                    case 'n': text.Append('\n'); break;
                    case 'r': text.Append('\r'); break;
                    case 't': text.Append('\t'); break;
                    case 'u':
                        var hex = _position + 5 <= _source.Length ? _source.Substring(_position + 1, 4) : "";
                        if (hex.Length != 4 || !int.TryParse(hex, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
                            throw new JsonataSyntaxException("S0104", _position);
                        text.Append((char)code);
                        _position += 4;
                        break;
                    default:
                        throw new JsonataSyntaxException("S0103", _position, c.ToString());
                }
            }
            else if (c == quote)
            {
                _position++;
                return new JsonataToken(JsonataTokenType.String, text.ToString(), JsonString.From(text.ToString()), _position);
            }
            else
            {
                text.Append(c);
            }

            _position++;
        }

        throw new JsonataSyntaxException("S0101", _position);
    }

    private JsonataToken? ScanNumber()
    {
        // -?(0|[1-9][0-9]*)(\.[0-9]+)?([Ee][-+]?[0-9]+)?
        var i = _position;
        if (i < _source.Length && _source[i] == '-')
            i++;
        if (i >= _source.Length || !char.IsAsciiDigit(_source[i]))
            return null;
        if (_source[i] == '0')
        {
            i++;
        }
        else
        {
            while (i < _source.Length && char.IsAsciiDigit(_source[i]))
                i++;
        }

        if (i + 1 < _source.Length && _source[i] == '.' && char.IsAsciiDigit(_source[i + 1]))
        {
            i++;
            while (i < _source.Length && char.IsAsciiDigit(_source[i]))
                i++;
        }

        if (i < _source.Length && _source[i] is 'e' or 'E')
        {
            var j = i + 1;
            if (j < _source.Length && _source[j] is '+' or '-')
                j++;
            if (j < _source.Length && char.IsAsciiDigit(_source[j]))
            {
                while (j < _source.Length && char.IsAsciiDigit(_source[j]))
                    j++;
                i = j;
            }
        }

        var text = _source[_position..i];
        var value = double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
        if (double.IsInfinity(value) || double.IsNaN(value))
            throw new JsonataSyntaxException("S0102", _position, text);
        _position = i;
        return new JsonataToken(JsonataTokenType.Number, text, JsonNumber.From(value), _position);
    }
}
