using System.Text;
using System.Text.RegularExpressions;

namespace SageBuild.Local.Build;

/// <summary>The path patterns of a buildspec's <c>artifacts.files</c>: <c>**</c> crosses folders, <c>*</c> and <c>?</c> do not.</summary>
internal static class Glob
{
    public static Regex Compile(string pattern)
    {
        var regex = new StringBuilder("^");
        var text = pattern.Replace('\\', '/').TrimStart('.', '/');
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '*' && i + 1 < text.Length && text[i + 1] == '*')
            {
                var slash = i + 2 < text.Length && text[i + 2] == '/';
                regex.Append(slash ? "(?:.*/)?" : ".*");
                i += slash ? 2 : 1;
            }
            else if (c == '*')
            {
                regex.Append("[^/]*");
            }
            else if (c == '?')
            {
                regex.Append("[^/]");
            }
            else
            {
                regex.Append(Regex.Escape(c.ToString()));
            }
        }

        return new Regex(regex.Append('$').ToString(), RegexOptions.CultureInvariant);
    }
}
