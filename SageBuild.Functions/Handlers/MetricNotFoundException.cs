namespace SageBuild.Functions.Handlers;

/// <summary>The candidate's metric could not be found where the gate was told to read it; the build fails (it is not a rejection).</summary>
public sealed class MetricNotFoundException : Exception
{
    public MetricNotFoundException()
    {
    }

    public MetricNotFoundException(string message)
        : base(message)
    {
    }

    public MetricNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
