using System.Text;

namespace SageBuild.StateMachines.Expressions;

/// <summary>
/// The first argument of States.Format split at its <c>{}</c> placeholders. <c>\{</c>, <c>\}</c>, <c>\'</c> and
/// <c>\\</c> stand for the character itself, so an escaped brace is never a placeholder.
/// </summary>
internal sealed class FormatTemplate
{
    private FormatTemplate(string[] parts) => Parts = parts;

    /// <summary>The literal text around the placeholders; one more than <see cref="Placeholders"/>.</summary>
    public string[] Parts { get; }

    /// <summary>How many <c>{}</c> the template holds.</summary>
    public int Placeholders => Parts.Length - 1;

    /// <summary>
    /// Splits <paramref name="text"/>: a literal's text as written between its quotes, or a template read at run
    /// time. A backslash before any other character stays as it is.
    /// </summary>
    public static FormatTemplate Parse(string text)
    {
        var parts = new List<string>();
        var current = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\\' && i + 1 < text.Length && text[i + 1] is '{' or '}' or '\'' or '\\')
            {
                current.Append(text[++i]);
                continue;
            }

            if (c == '{' && i + 1 < text.Length && text[i + 1] == '}')
            {
                parts.Add(current.ToString());
                current.Clear();
                i++;
                continue;
            }

            current.Append(c);
        }

        parts.Add(current.ToString());
        return new FormatTemplate([.. parts]);
    }
}
