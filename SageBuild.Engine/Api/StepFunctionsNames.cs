namespace SageBuild.Engine.Api;

/// <summary>
/// AWS's rules for the names of state machines, executions and activities: 1 to 80 characters, and none of
/// white space, brackets <c>&lt; &gt; { } [ ]</c>, wildcards <c>? *</c>, the characters <c>" # % \ ^ | ~ ` $ &amp; , ; : /</c>,
/// or control characters (U+0000–U+001F, U+007F–U+009F).
/// </summary>
public static class StepFunctionsNames
{
    /// <summary>The longest name AWS accepts.</summary>
    public const int MaxLength = 80;

    private const string ForbiddenCharacters = "<>{}[]?*\"#%\\^|~`$&,;:/";

    /// <summary>Whether <paramref name="name"/> is a valid name.</summary>
    public static bool IsValid(string? name) =>
        name is { Length: >= 1 and <= MaxLength } && !name.Any(IsForbidden);

    /// <summary>Checks <paramref name="name"/>.</summary>
    /// <exception cref="StepFunctionsException">InvalidName, worded as AWS words it.</exception>
    public static void EnsureValid(string name)
    {
        if (!IsValid(name))
            throw StepFunctionsErrors.InvalidName(name);
    }

    private static bool IsForbidden(char c) =>
        char.IsWhiteSpace(c) || c <= '\u001F' || c is >= '\u007F' and <= '\u009F' || ForbiddenCharacters.Contains(c, StringComparison.Ordinal);
}
