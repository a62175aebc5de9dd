namespace SageBuild.StateMachines.Validation;

/// <summary>Builds RFC 6901 JSON pointers, escaping <c>~</c> and <c>/</c> in state names.</summary>
public static class JsonPointer
{
    /// <summary><paramref name="parent"/> extended by one reference token.</summary>
    public static string Append(string parent, string token) =>
        string.Concat(parent, "/", token.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal));

    /// <summary><paramref name="parent"/> extended by an array index.</summary>
    public static string Append(string parent, int index) =>
        string.Concat(parent, "/", index.ToString(System.Globalization.CultureInfo.InvariantCulture));
}
