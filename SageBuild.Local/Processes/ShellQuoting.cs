namespace SageBuild.Local.Processes;

/// <summary>Quoting for the POSIX shell scripts the local backends generate.</summary>
internal static class ShellQuoting
{
    /// <summary><paramref name="text"/> as one single-quoted shell word: nothing inside is interpreted.</summary>
    public static string Quote(string text) => "'" + text.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    /// <summary>Whether <paramref name="name"/> is a valid shell variable name.</summary>
    public static bool IsVariableName(string name) =>
        name.Length > 0 && (char.IsAsciiLetter(name[0]) || name[0] == '_') && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
}
