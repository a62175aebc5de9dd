namespace SageBuild.Functions.Configuration;

/// <summary>A configuration document with problems; <see cref="Errors"/> lists every one of them, each naming its key.</summary>
public sealed class ConfigurationException : Exception
{
    public ConfigurationException(IReadOnlyList<ConfigurationError> errors)
        : base(Describe(errors)) => Errors = errors ?? [];

    public ConfigurationException()
        : this([])
    {
    }

    public ConfigurationException(string message)
        : base(message) => Errors = [new ConfigurationError("", message)];

    public ConfigurationException(string message, Exception innerException)
        : base(message, innerException) => Errors = [new ConfigurationError("", message)];

    /// <summary>Every problem found.</summary>
    public IReadOnlyList<ConfigurationError> Errors { get; }

    private static string Describe(IReadOnlyList<ConfigurationError>? errors) => errors is null || errors.Count == 0
        ? "the configuration is invalid"
        : $"the configuration has {errors.Count} problem{(errors.Count == 1 ? "" : "s")}:" + string.Concat(errors.Select(e => Environment.NewLine + "  " + e));
}
