using SageBuild.Engine.Jsonata;

namespace SageBuild.Engine.Execution;

/// <summary>
/// A JSONata field of a state failed to give a usable value: the state fails with <c>States.QueryEvaluationError</c>
/// after an <c>EvaluationFailed</c> event naming the field. The cause is AWS's, without the state prefix, which the
/// state adds (it knows its name and its Entered event).
/// </summary>
internal sealed class QueryEvaluationException : Exception
{
    public QueryEvaluationException(string? location, string cause)
        : base(cause)
    {
        Location = location;
    }

    public QueryEvaluationException()
    {
    }

    public QueryEvaluationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The field, such as <c>Output/result</c> or <c>Items</c>; null when the failure is not one field's.</summary>
    public string? Location { get; }

    public static QueryEvaluationException From(JsonataFailure failure) => new(failure.Location, failure.Cause);
}
