using System.Text.RegularExpressions;
using SageBuild.StateMachines.Builders;

namespace SageBuild.StateMachines.Tasks;

/// <summary>How a task narrows an IAM resource from a name that may only be known at run time.</summary>
internal static partial class IamResources
{
    /// <summary>
    /// The literal part every value of <paramref name="name"/> starts with: the literal itself, the text before the
    /// first <c>{}</c> of a <c>States.Format</c>, or the leading string of a JSONata <c>'text' &amp; ...</c>; else "".
    /// </summary>
    public static string Prefix(Field<string> name)
    {
        if (!name.IsDynamic)
            return name.Value ?? "";
        var expression = name.Expression!;
        var format = FormatPrefix().Match(expression);
        if (format.Success)
            return Unescape(format.Groups[1].Value);
        var concat = JsonataPrefix().Match(expression);
        return concat.Success ? concat.Groups[2].Value : "";
    }

    /// <summary>
    /// The resource name for <paramref name="name"/>: the literal itself, else <c>{prefix}*</c> for the names a
    /// dynamic value can take (<c>*</c> when nothing is fixed).
    /// </summary>
    public static string NamePattern(Field<string> name, bool lowercase = false)
    {
        var text = name.IsDynamic ? Prefix(name) + "*" : name.Value ?? "";
        return lowercase ? text.ToLowerInvariant() : text;
    }

    private static string Unescape(string text) => EscapedChar().Replace(text, "$1");

    [GeneratedRegex(@"^States\.Format\('((?:[^'\\{]|\\.)*)")]
    private static partial Regex FormatPrefix();

    [GeneratedRegex(@"^\s*(['""])([^'""]*)\1\s*&")]
    private static partial Regex JsonataPrefix();

    [GeneratedRegex(@"\\(.)")]
    private static partial Regex EscapedChar();
}
