using SageBuild.StateMachines.Model;

namespace SageBuild.StateMachines.Iam;

/// <summary>One condition of a statement, such as <c>StringEquals iam:PassedToService sagemaker.amazonaws.com</c>.</summary>
/// <param name="Operator">The condition operator, such as <c>StringEquals</c>.</param>
/// <param name="Key">The condition key, such as <c>iam:PassedToService</c>.</param>
/// <param name="Values">The values any of which satisfies the condition.</param>
public sealed record PolicyCondition(string Operator, string Key, ValueList<string> Values)
{
    /// <inheritdoc />
    public override string ToString() => $"{Operator} {Key} [{string.Join(", ", Values)}]";
}
