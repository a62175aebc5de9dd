using SageBuild.StateMachines.Builders;
using SageBuild.StateMachines.Iam;

namespace SageBuild.StateMachines.Tasks.SageMaker;

/// <summary>The grants the SageMaker tasks share.</summary>
internal static class SageMakerIam
{
    /// <summary>
    /// A SageMaker resource for names that start like <paramref name="name"/>. SageMaker writes resource names
    /// in lower case in its ARNs, so the pattern is lower-cased to match what IAM compares.
    /// </summary>
    public static string Resource(string type, Field<string> name) => Arn.SageMaker($"{type}/{IamResources.NamePattern(name, lowercase: true)}");

    /// <summary>Handing the execution role to SageMaker, and to no other service.</summary>
    public static PolicyStatement PassRole(Field<string> role) =>
        PolicyStatement.Allow(role.IsDynamic ? Arn.Role("*") : role.Value!, "iam:PassRole")
            .When("StringEquals", "iam:PassedToService", "sagemaker.amazonaws.com");

    /// <summary>The EventBridge rule Step Functions manages to learn when a job ends (<c>.sync</c>).</summary>
    public static PolicyStatement SyncRule(string rule) =>
        PolicyStatement.Allow(Arn.Events($"rule/{rule}"), "events:PutTargets", "events:PutRule", "events:DescribeRule");

    public static TaskInput? Tags(IReadOnlyDictionary<string, string>? tags) =>
        tags is null || tags.Count == 0 ? null : TaskInput.FromArray(tags.OrderBy(t => t.Key, StringComparer.Ordinal)
            .Select(t => TaskInput.FromObject(("Key", t.Key), ("Value", t.Value))).ToArray());
}
