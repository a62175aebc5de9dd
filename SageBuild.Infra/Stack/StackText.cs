using System.Text;

namespace SageBuild.Infra.Stack;

/// <summary>Name shaping for logical resource names.</summary>
internal static class StackText
{
    /// <summary><c>training-config</c> → <c>TrainingConfig</c>; characters other than letters and digits separate words.</summary>
    public static string Pascal(string text)
    {
        var result = new StringBuilder(text.Length);
        var upper = true;
        foreach (var c in text)
        {
            if (!char.IsAsciiLetterOrDigit(c))
            {
                upper = true;
                continue;
            }

            result.Append(upper ? char.ToUpperInvariant(c) : c);
            upper = false;
        }

        return result.ToString();
    }

    /// <summary><c>training-config</c> → <c>trainingConfig</c>.</summary>
    public static string Camel(string text)
    {
        var pascal = Pascal(text);
        return pascal.Length == 0 ? pascal : char.ToLowerInvariant(pascal[0]) + pascal[1..];
    }
}
