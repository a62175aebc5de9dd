using System.Text;
using System.Text.RegularExpressions;

namespace SageBuild.StateMachines.Jsonata;

/// <summary>
/// A function signature such as <c>&lt;s-n?:s&gt;</c>, parsed once. Arguments are checked by matching the string of
/// their type symbols (<c>s n b l a o f</c>, and <c>m</c> for a missing value) against a pattern built from the
/// parameters, as the reference implementation does.
/// </summary>
internal sealed class JsonataSignature
{
    private JsonataSignature(string text, List<JsonataSignatureParameter> parameters)
    {
        Text = text;
        Parameters = parameters;
        var pattern = new StringBuilder("^");
        foreach (var parameter in parameters)
            pattern.Append('(').Append(parameter.Pattern).Append(')');
        pattern.Append('$');
        Pattern = new Regex(pattern.ToString(), RegexOptions.CultureInvariant);
    }

    /// <summary>The signature as written.</summary>
    public string Text { get; }

    /// <summary>The parameters, in order.</summary>
    public IReadOnlyList<JsonataSignatureParameter> Parameters { get; }

    /// <summary>The pattern the argument symbols must match; group <c>i + 1</c> captures parameter <c>i</c>.</summary>
    public Regex Pattern { get; }

    /// <summary>Parses <paramref name="text"/>; <paramref name="offset"/> is where the signature starts in its expression.</summary>
    public static JsonataSignature Parse(string text, int offset = 0)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parameters = new List<JsonataSignatureParameter>();
        JsonataSignatureParameter? previous = null;
        for (var position = 1; position < text.Length; position++)
        {
            var symbol = text[position];
            if (symbol == ':')
                break;
            switch (symbol)
            {
                case 's' or 'n' or 'b' or 'l' or 'o':
                    previous = Add(parameters, new JsonataSignatureParameter(symbol.ToString(), $"[{symbol}m]"));
                    break;
                case 'a':
                    previous = Add(parameters, new JsonataSignatureParameter("a", "[asnblfom]") { IsArray = true });
                    break;
                case 'f':
                    previous = Add(parameters, new JsonataSignatureParameter("f", "f"));
                    break;
                case 'j':
                    previous = Add(parameters, new JsonataSignatureParameter("j", "[asnblom]"));
                    break;
                case 'x':
                    previous = Add(parameters, new JsonataSignatureParameter("x", "[asnblfom]"));
                    break;
                case '-' when previous is not null:
                    previous.UsesContext = true;
                    previous.ContextPattern = new Regex(previous.Pattern, RegexOptions.CultureInvariant);
                    previous.Pattern += "?";
                    break;
                case '?' or '+' when previous is not null:
                    previous.Pattern += symbol;
                    break;
                case '(':
                    var close = ClosingBracket(text, position, '(', ')');
                    var choice = text.Substring(position + 1, close - position - 1);
                    if (choice.Contains('<', StringComparison.Ordinal))
                        throw new JsonataSyntaxException("S0402", offset + position, value: choice);
                    previous = Add(parameters, new JsonataSignatureParameter($"({choice})", $"[{choice}m]"));
                    position = close;
                    break;
                case '<':
                    if (previous is not { Type: "a" or "f" })
                        throw new JsonataSyntaxException("S0401", offset + position, value: previous?.Type);
                    var end = ClosingBracket(text, position, '<', '>');
                    previous.Subtype = text.Substring(position + 1, end - position - 1);
                    position = end;
                    break;
            }
        }

        return new JsonataSignature(text, parameters);
    }

    private static JsonataSignatureParameter Add(List<JsonataSignatureParameter> parameters, JsonataSignatureParameter parameter)
    {
        parameters.Add(parameter);
        return parameter;
    }

    private static int ClosingBracket(string text, int start, char open, char close)
    {
        var depth = 1;
        var position = start;
        while (position < text.Length - 1)
        {
            position++;
            if (text[position] == close)
            {
                if (--depth == 0)
                    break;
            }
            else if (text[position] == open)
            {
                depth++;
            }
        }

        return position;
    }
}

/// <summary>One parameter of a <see cref="JsonataSignature"/>.</summary>
internal sealed class JsonataSignatureParameter(string type, string pattern)
{
    /// <summary>The type as written: a symbol such as <c>s</c>, or a choice such as <c>(sn)</c>.</summary>
    public string Type { get; } = type;

    /// <summary>The pattern over argument symbols, with its <c>?</c>, <c>+</c> or context suffix.</summary>
    public string Pattern { get; set; } = pattern;

    /// <summary>An array parameter: a single value passed for it is wrapped in an array.</summary>
    public bool IsArray { get; init; }

    /// <summary>The item type of <c>a&lt;n&gt;</c>, or the signature of <c>f&lt;...&gt;</c>.</summary>
    public string? Subtype { get; set; }

    /// <summary>A missing argument is taken from the context value (<c>-</c>).</summary>
    public bool UsesContext { get; set; }

    /// <summary>The pattern the context value's symbol must match when it stands in for the argument.</summary>
    public Regex? ContextPattern { get; set; }
}
