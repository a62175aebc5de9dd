namespace SageBuild.Infra.Configuration;

/// <summary>The stack's config has problems; <see cref="Errors"/> lists every one, each naming its key.</summary>
public sealed class ConfigurationException : Exception
{
    /// <summary>An exception listing <paramref name="errors"/>.</summary>
    public ConfigurationException(IReadOnlyList<string> errors)
        : base(Describe(errors)) => Errors = errors;

    /// <summary>An exception with one error.</summary>
    public ConfigurationException(string message)
        : this([message])
    {
    }

    /// <summary>An exception with one error.</summary>
    public ConfigurationException()
        : this("the stack config is invalid")
    {
    }

    /// <summary>An exception with one error and its cause.</summary>
    public ConfigurationException(string message, Exception innerException)
        : base(message, innerException) => Errors = [message];

    /// <summary>Every problem, each starting with the config key it is about.</summary>
    public IReadOnlyList<string> Errors { get; }

    private static string Describe(IReadOnlyList<string> errors) =>
        errors.Count == 1 ? errors[0] : $"{errors.Count} problems in the stack config:\n  " + string.Join("\n  ", errors);
}
