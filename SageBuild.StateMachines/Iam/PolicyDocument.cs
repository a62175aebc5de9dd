using SageBuild.StateMachines.Json;
using SageBuild.StateMachines.Model;

namespace SageBuild.StateMachines.Iam;

/// <summary>
/// An IAM policy document: statements merged and de-duplicated in a deterministic order. Merging never widens
/// a grant: statements join only when they share effect and conditions and either the same actions (their
/// resources are united) or then the same resources (their actions are united).
/// </summary>
public sealed record PolicyDocument
{
    /// <summary>The policy language version.</summary>
    public const string Version = "2012-10-17";

    private PolicyDocument(ValueList<PolicyStatement> statements) => Statements = statements;

    /// <summary>The merged statements.</summary>
    public ValueList<PolicyStatement> Statements { get; }

    /// <summary>A document of <paramref name="statements"/>, merged.</summary>
    public static PolicyDocument Create(IEnumerable<PolicyStatement> statements)
    {
        ArgumentNullException.ThrowIfNull(statements);
        return new PolicyDocument(Merge(statements));
    }

    /// <summary>This document with every <see cref="ArnContext"/> token replaced.</summary>
    public PolicyDocument Resolve(ArnContext context) => Create(Statements.Select(s => s.Resolve(context)));

    /// <summary>The IAM JSON: <c>{"Version": "2012-10-17", "Statement": [...]}</c>.</summary>
    public JsonObject ToJsonValue() =>
        JsonObject.Create(("Version", Version), ("Statement", JsonArray.Create(Statements.Select(s => (JsonValue)s.ToJsonValue()))));

    /// <summary>The IAM JSON text.</summary>
    public string ToJson(bool indented = true) => ToJsonValue().ToJson(indented);

    internal static ValueList<PolicyStatement> Merge(IEnumerable<PolicyStatement> statements)
    {
        var distinct = statements.Distinct().ToList();

        // Same effect, conditions and actions: one statement over the union of the resources.
        var byActions = distinct
            .GroupBy(s => (s.Effect, Conditions: Key(s.Conditions), Actions: Key(s.Actions)))
            .Select(g => PolicyStatement.Create(g.Key.Effect, g.First().Actions, g.SelectMany(s => s.Resources), g.First().Conditions));

        // Then the same resources: one statement with the union of the actions. Exact: no action reaches a new resource.
        var byResources = byActions
            .GroupBy(s => (s.Effect, Conditions: Key(s.Conditions), Resources: Key(s.Resources)))
            .Select(g => PolicyStatement.Create(g.Key.Effect, g.SelectMany(s => s.Actions), g.First().Resources, g.First().Conditions));

        return ValueList.From(byResources
            .OrderBy(s => s.Effect)
            .ThenBy(s => Key(s.Actions), StringComparer.Ordinal)
            .ThenBy(s => Key(s.Resources), StringComparer.Ordinal)
            .ThenBy(s => Key(s.Conditions), StringComparer.Ordinal));
    }

    private static string Key<T>(ValueList<T> values) => string.Join("\n", values);
}
