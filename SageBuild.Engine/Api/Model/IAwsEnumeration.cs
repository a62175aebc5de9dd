namespace SageBuild.Engine.Api.Model;

/// <summary>An AWS string enumeration kept as an open set of values, so a value AWS adds later still reads.</summary>
/// <typeparam name="TSelf">The enumeration type.</typeparam>
public interface IAwsEnumeration<TSelf>
    where TSelf : struct, IAwsEnumeration<TSelf>
{
    /// <summary>The value as AWS spells it on the wire; null only for <c>default</c>.</summary>
    string Value { get; }

    /// <summary>Whether the value is one the service model lists.</summary>
    bool IsKnown { get; }

    /// <summary>Every value the service model lists, in the model's order.</summary>
    static abstract IReadOnlyList<TSelf> KnownValues { get; }

    /// <summary>The enumeration value for a wire string, known or not.</summary>
    static abstract TSelf FromValue(string value);
}
