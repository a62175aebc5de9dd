using SageBuild.StateMachines.Json;

namespace SageBuild.Local.Ledger.Expressions;

/// <summary>
/// A request's ExpressionAttributeNames and ExpressionAttributeValues, and which of them the expressions used:
/// DynamoDB refuses a request that defines a placeholder no expression uses, and one that uses an undefined placeholder.
/// </summary>
internal sealed class ExpressionAttributes
{
    private readonly Dictionary<string, string> _names = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AttributeValue> _values = new(StringComparer.Ordinal);
    private readonly HashSet<string> _usedNames = new(StringComparer.Ordinal);
    private readonly HashSet<string> _usedValues = new(StringComparer.Ordinal);

    public ExpressionAttributes(JsonObject request)
    {
        if (request.TryGetValue("ExpressionAttributeNames", out var names) && !names.IsNull)
        {
            if (names is not JsonObject nameMap)
                throw DynamoDbException.Invalid("ExpressionAttributeNames must be a map of placeholder to attribute name");
            foreach (var (key, value) in nameMap)
            {
                if (!key.StartsWith('#') || value is not JsonString name)
                    throw DynamoDbException.Invalid($"ExpressionAttributeNames contains invalid key: Syntax error; key: \"{key}\"");
                _names[key] = name.Value;
            }
        }

        if (request.TryGetValue("ExpressionAttributeValues", out var values) && !values.IsNull)
        {
            if (values is not JsonObject valueMap)
                throw DynamoDbException.Invalid("ExpressionAttributeValues must be a map of placeholder to attribute value");
            foreach (var (key, value) in valueMap)
            {
                if (!key.StartsWith(':'))
                    throw DynamoDbException.Invalid($"ExpressionAttributeValues contains invalid key: Syntax error; key: \"{key}\"");
                _values[key] = AttributeValue.FromJson(value, $"ExpressionAttributeValues.{key}");
            }
        }
    }

    public bool IsEmpty => _names.Count == 0 && _values.Count == 0;

    public string Name(string placeholder)
    {
        if (!_names.TryGetValue(placeholder, out var name))
            throw DynamoDbException.Invalid($"An expression attribute name used in the document path is not defined; attribute name: {placeholder}");
        _usedNames.Add(placeholder);
        return name;
    }

    public AttributeValue Value(string placeholder)
    {
        if (!_values.TryGetValue(placeholder, out var value))
            throw DynamoDbException.Invalid($"An expression attribute value used in expression is not defined; attribute value: {placeholder}");
        _usedValues.Add(placeholder);
        return value;
    }

    /// <summary>Throws when a defined placeholder went unused, naming it as DynamoDB does.</summary>
    public void CheckAllUsed()
    {
        var unusedNames = _names.Keys.Where(k => !_usedNames.Contains(k)).ToArray();
        if (unusedNames.Length > 0)
            throw DynamoDbException.Invalid($"Value provided in ExpressionAttributeNames unused in expressions: keys: {{{string.Join(", ", unusedNames)}}}");
        var unusedValues = _values.Keys.Where(k => !_usedValues.Contains(k)).ToArray();
        if (unusedValues.Length > 0)
            throw DynamoDbException.Invalid($"Value provided in ExpressionAttributeValues unused in expressions: keys: {{{string.Join(", ", unusedValues)}}}");
    }
}
