using SageBuild.Infra.Model;

namespace SageBuild.Infra.Stack;

/// <summary>A bucket of the stack: its logical name, and references to its name and ARN (created or given).</summary>
/// <param name="Name">The bucket's name, as a program string.</param>
/// <param name="Arn">The bucket's ARN, as a program string.</param>
/// <param name="Resource">The bucket resource, when this stack creates it.</param>
internal sealed record StackBucket(Interpolation Name, Interpolation Arn, Resource? Resource);
