using SageBuild.StateMachines.Builders;
using SageBuild.StateMachines.Json;

namespace SageBuild.StateMachines.Tasks.DynamoDb;

/// <summary>A DynamoDB attribute value in its typed wire form, such as <c>{"S": "text"}</c> or <c>{"N": "42"}</c>.</summary>
public sealed class DynamoAttributeValue
{
    private readonly TaskInput _value;

    private DynamoAttributeValue(string type, TaskInput value) => _value = TaskInput.FromObject((type, value));

    /// <summary>A string (<c>S</c>).</summary>
    public static DynamoAttributeValue FromString(Field<string> value) => new("S", value);

    /// <summary>A number (<c>N</c>); DynamoDB carries numbers as strings.</summary>
    public static DynamoAttributeValue FromNumber(double value) => new("N", JsonNumber.Format(value));

    /// <summary>A number given as a string (<c>N</c>), for example <c>JsonPath.Format("{}", "$.count")</c>.</summary>
    public static DynamoAttributeValue NumberFromString(Field<string> value) => new("N", value);

    /// <summary>A boolean (<c>BOOL</c>).</summary>
    public static DynamoAttributeValue FromBoolean(Field<bool> value) => new("BOOL", value);

    /// <summary>A null (<c>NULL</c>).</summary>
    public static DynamoAttributeValue Null() => new("NULL", true);

    /// <summary>A map (<c>M</c>), keys sorted.</summary>
    public static DynamoAttributeValue FromMap(IReadOnlyDictionary<string, DynamoAttributeValue> map) => new("M", ToTaskInput(map));

    /// <summary>A list (<c>L</c>).</summary>
    public static DynamoAttributeValue FromList(params DynamoAttributeValue[] items)
    {
        ArgumentNullException.ThrowIfNull(items);
        return new("L", TaskInput.FromArray(items.Select(i => i._value).ToArray()));
    }

    /// <summary>A JSON value already in DynamoDB's wire form (from a path or an expression).</summary>
    public static DynamoAttributeValue FromWireValue(Field<JsonValue> value) => new DynamoAttributeValue(value.ToTaskInput());

    private DynamoAttributeValue(TaskInput raw) => _value = raw;

    /// <summary>The attribute value as a template.</summary>
    public TaskInput ToTaskInput() => _value;

    /// <summary>A map of attribute values, keys sorted so requests do not depend on dictionary order.</summary>
    internal static TaskInput ToTaskInput(IReadOnlyDictionary<string, DynamoAttributeValue> map)
    {
        ArgumentNullException.ThrowIfNull(map);
        return TaskInput.FromObject(map.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => (p.Key, p.Value._value)).ToArray());
    }
}
