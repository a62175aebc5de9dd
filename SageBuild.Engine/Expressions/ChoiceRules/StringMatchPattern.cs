using System.Text;

namespace SageBuild.Engine.Expressions.ChoiceRules;

/// <summary>
/// A StringMatches pattern, compiled once: <c>*</c> matches any run of characters (none included), <c>\*</c> a
/// literal star and <c>\\</c> a literal backslash; every other character matches itself. Matching is ordinal and
/// needs no regular expression, so it cannot backtrack badly.
/// </summary>
internal sealed class StringMatchPattern
{
    // The literal text between stars: the first must start the string, the last must end it, the rest appear in order.
    private readonly string[] _parts;

    private StringMatchPattern(string[] parts) => _parts = parts;

    public static StringMatchPattern Compile(string pattern)
    {
        var parts = new List<string>();
        var current = new StringBuilder();
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '\\' && i + 1 < pattern.Length && pattern[i + 1] is '*' or '\\')
            {
                current.Append(pattern[++i]);
            }
            else if (c == '*')
            {
                parts.Add(current.ToString());
                current.Clear();
            }
            else
            {
                current.Append(c);
            }
        }

        parts.Add(current.ToString());
        return new StringMatchPattern([.. parts]);
    }

    public bool IsMatch(string text)
    {
        if (_parts.Length == 1)
            return string.Equals(text, _parts[0], StringComparison.Ordinal);
        var first = _parts[0];
        var last = _parts[^1];
        if (text.Length < first.Length + last.Length || !text.StartsWith(first, StringComparison.Ordinal) || !text.EndsWith(last, StringComparison.Ordinal))
            return false;
        var position = first.Length;
        var limit = text.Length - last.Length;
        for (var i = 1; i < _parts.Length - 1; i++)
        {
            var part = _parts[i];
            if (part.Length == 0)
                continue;
            var found = text.IndexOf(part, position, limit - position, StringComparison.Ordinal);
            if (found < 0)
                return false;
            position = found + part.Length;
        }

        return true;
    }
}
