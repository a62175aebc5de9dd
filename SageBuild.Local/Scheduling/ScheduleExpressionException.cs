namespace SageBuild.Local.Scheduling;

/// <summary>A schedule expression that EventBridge would refuse; the message names the field at fault.</summary>
public sealed class ScheduleExpressionException : FormatException
{
    public ScheduleExpressionException()
    {
    }

    public ScheduleExpressionException(string message)
        : base(message)
    {
    }

    public ScheduleExpressionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the error for <paramref name="expression"/>, naming <paramref name="field"/> when one is at fault.</summary>
    public ScheduleExpressionException(string expression, string? field, string problem)
        : base(field is null ? $"'{expression}': {problem}" : $"'{expression}': {field}: {problem}")
    {
        Expression = expression;
        Field = field;
    }

    /// <summary>The expression as written.</summary>
    public string? Expression { get; }

    /// <summary>The field at fault (<c>Minutes</c>, <c>Day-of-week</c>, <c>unit</c>, ...), or null for the whole expression.</summary>
    public string? Field { get; }
}
