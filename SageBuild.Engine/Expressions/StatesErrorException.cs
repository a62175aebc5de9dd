namespace SageBuild.Engine.Expressions;

/// <summary>
/// Carries a <see cref="StatesError"/> out of deep expression evaluation. The state that evaluates the
/// expression catches it and turns it into an outcome value; it never escapes the engine.
/// </summary>
public sealed class StatesErrorException : Exception
{
    public StatesErrorException(StatesError error)
        : base(error?.Cause) => Error = error ?? throw new ArgumentNullException(nameof(error));

    public StatesErrorException(string error, string cause)
        : this(new StatesError(error, cause))
    {
    }

    public StatesErrorException()
        : this("States.Runtime", "unknown")
    {
    }

    public StatesErrorException(string message)
        : this("States.Runtime", message)
    {
    }

    public StatesErrorException(string message, Exception innerException)
        : base(message, innerException) => Error = new StatesError("States.Runtime", message);

    /// <summary>The error.</summary>
    public StatesError Error { get; }
}
