namespace SageBuild.StateMachines.Tasks.SageMaker;

/// <summary>A metric a training job reports, found in its logs by a regular expression.</summary>
/// <param name="Name">The metric's name, such as <c>validation:auc</c>.</param>
/// <param name="Regex">The expression whose first group is the value.</param>
public sealed record MetricDefinition(string Name, string Regex);
