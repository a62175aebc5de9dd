namespace SageBuild.Engine.Api;

/// <summary>AWS's rules for state machine and execution names.</summary>
internal static class Names
{
    private const string Forbidden = " \t\n\r?*<>{}[]\"#%\\^|~`$&,;:/";

    public static void Check(string? name, string what)
    {
        if (string.IsNullOrEmpty(name) || name.Length > 80)
            throw new StepFunctionsException("InvalidName", $"Invalid Name: the {what} name must be 1 to 80 characters, not '{name}'");
        foreach (var c in name)
        {
            if (Forbidden.Contains(c, StringComparison.Ordinal) || char.IsControl(c))
                throw new StepFunctionsException("InvalidName", $"Invalid Name: '{name}' has the character '{c}', which a {what} name may not contain");
        }
    }
}
