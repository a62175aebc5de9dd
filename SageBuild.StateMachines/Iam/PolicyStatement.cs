using SageBuild.StateMachines.Json;
using SageBuild.StateMachines.Model;

namespace SageBuild.StateMachines.Iam;

/// <summary>
/// One IAM policy statement. Immutable and normalised: actions and resources are sorted and distinct, so two
/// statements that grant the same thing are equal. Wildcard actions are refused: every task names what it calls.
/// </summary>
public sealed record PolicyStatement
{
    private PolicyStatement(PolicyEffect effect, ValueList<string> actions, ValueList<string> resources, ValueList<PolicyCondition> conditions)
    {
        Effect = effect;
        Actions = actions;
        Resources = resources;
        Conditions = conditions;
    }

    /// <summary>Allow or Deny.</summary>
    public PolicyEffect Effect { get; }

    /// <summary>The actions, such as <c>sagemaker:CreateTrainingJob</c>, sorted.</summary>
    public ValueList<string> Actions { get; }

    /// <summary>The resource ARNs (possibly holding <see cref="ArnContext"/> tokens), sorted.</summary>
    public ValueList<string> Resources { get; }

    /// <summary>The conditions, sorted by operator and key.</summary>
    public ValueList<PolicyCondition> Conditions { get; }

    /// <summary>A statement allowing <paramref name="actions"/> on <paramref name="resources"/>.</summary>
    public static PolicyStatement Allow(IEnumerable<string> resources, params string[] actions) => Create(PolicyEffect.Allow, actions, resources, []);

    /// <summary>A statement allowing <paramref name="actions"/> on one <paramref name="resource"/>.</summary>
    public static PolicyStatement Allow(string resource, params string[] actions) => Allow([resource], actions);

    /// <summary>A statement of any effect.</summary>
    public static PolicyStatement Create(PolicyEffect effect, IEnumerable<string> actions, IEnumerable<string> resources, IEnumerable<PolicyCondition> conditions)
    {
        ArgumentNullException.ThrowIfNull(actions);
        ArgumentNullException.ThrowIfNull(resources);
        ArgumentNullException.ThrowIfNull(conditions);
        var actionList = actions.ToArray();
        var resourceList = resources.ToArray();
        if (actionList.Length == 0)
            throw new ArgumentException("a policy statement needs at least one action", nameof(actions));
        if (resourceList.Length == 0)
            throw new ArgumentException("a policy statement needs at least one resource", nameof(resources));
        foreach (var action in actionList)
            CheckAction(action);
        foreach (var resource in resourceList)
        {
            if (string.IsNullOrWhiteSpace(resource))
                throw new ArgumentException("a policy resource cannot be empty", nameof(resources));
        }

        return new PolicyStatement(effect, Sorted(actionList), Sorted(resourceList),
            ValueList.From(conditions.OrderBy(c => c.Operator, StringComparer.Ordinal).ThenBy(c => c.Key, StringComparer.Ordinal)));
    }

    /// <summary>This statement with one more condition.</summary>
    public PolicyStatement When(string conditionOperator, string key, params string[] values)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(conditionOperator);
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        ArgumentNullException.ThrowIfNull(values);
        if (values.Length == 0)
            throw new ArgumentException("a condition needs at least one value", nameof(values));
        return Create(Effect, Actions, Resources, [.. Conditions, new PolicyCondition(conditionOperator, key, Sorted(values))]);
    }

    /// <summary>This statement with every <see cref="ArnContext"/> token in its resources replaced.</summary>
    public PolicyStatement Resolve(ArnContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Create(Effect, Actions, Resources.Select(context.Resolve), Conditions);
    }

    /// <summary>The statement as IAM JSON: <c>{"Effect", "Action", "Resource", "Condition"}</c>.</summary>
    public JsonObject ToJsonValue()
    {
        var o = new JsonObjectBuilder();
        o.Set("Effect", Effect.ToString());
        o.Set("Action", JsonArray.Create(Actions.Select(JsonValue.FromString)));
        o.Set("Resource", JsonArray.Create(Resources.Select(JsonValue.FromString)));
        if (Conditions.Count > 0)
        {
            var byOperator = new JsonObjectBuilder();
            foreach (var group in Conditions.GroupBy(c => c.Operator, StringComparer.Ordinal))
            {
                var keys = new JsonObjectBuilder();
                foreach (var c in group)
                    keys.Set(c.Key, c.Values.Count == 1 ? JsonString.From(c.Values[0]) : JsonArray.Create(c.Values.Select(JsonValue.FromString)));
                byOperator.Set(group.Key, keys.Build());
            }

            o.Set("Condition", byOperator.Build());
        }

        return o.Build();
    }

    /// <inheritdoc />
    public override string ToString() => ToJsonValue().ToJson();

    private static void CheckAction(string action)
    {
        if (string.IsNullOrWhiteSpace(action))
            throw new ArgumentException("a policy action cannot be empty", nameof(action));
        var colon = action.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || colon == action.Length - 1)
            throw new ArgumentException($"'{action}' is not an IAM action: write it as service:Action, such as sagemaker:CreateTrainingJob", nameof(action));
        if (action.Contains('*', StringComparison.Ordinal))
            throw new ArgumentException($"'{action}' is a wildcard action: least privilege names every action", nameof(action));
    }

    private static ValueList<string> Sorted(IEnumerable<string> values) =>
        ValueList.From(values.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));
}
