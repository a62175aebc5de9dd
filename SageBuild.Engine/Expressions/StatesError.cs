namespace SageBuild.Engine.Expressions;

/// <summary>An ASL runtime error: a name that Retry and Catch match, and a cause in words.</summary>
/// <param name="Error">The error name, such as <c>States.ParameterPathFailure</c>.</param>
/// <param name="Cause">What happened, as AWS words it where we know its wording.</param>
public sealed record StatesError(string Error, string Cause);
