namespace SageBuild.Functions.Frameworks;

/// <summary>No image exists for the region, algorithm, framework or version asked for; the message says what does.</summary>
public sealed class ImageNotFoundException : Exception
{
    public ImageNotFoundException()
    {
    }

    public ImageNotFoundException(string message)
        : base(message)
    {
    }

    public ImageNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
