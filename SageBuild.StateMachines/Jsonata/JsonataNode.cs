using SageBuild.StateMachines.Json;

namespace SageBuild.StateMachines.Jsonata;

/// <summary>
/// One node of a parsed JSONata expression. The parser builds it, the post-parse pass reshapes paths, and from then
/// on it is never changed: the evaluator shares one tree between any number of threads.
/// </summary>
/// <remarks>Fields rather than properties: this is an internal, write-once data structure on the evaluator's hot path.</remarks>
internal sealed class JsonataNode(JsonataNodeType type, int position, string value = "")
{
    public JsonataNodeType Type = type;
    public string Value = value;
    public int Position = position;

    /// <summary>The value of a string, number or true/false/null literal.</summary>
    public JsonValue? Literal;

    public JsonataNode? Lhs;
    public JsonataNode? Rhs;
    public JsonataNode? Expression;
    public List<JsonataNode>? Expressions;
    public List<(JsonataNode Key, JsonataNode Value)>? Pairs;

    public List<JsonataNode>? Steps;
    public List<JsonataStage>? Stages;
    public List<JsonataNode>? Predicates;
    public JsonataGroup? Group;

    public JsonataNode? Procedure;
    public List<JsonataNode>? Arguments;
    public JsonataNode? Body;
    public JsonataSignature? Signature;

    public JsonataNode? Condition;
    public JsonataNode? Then;
    public JsonataNode? Else;

    public JsonataNode? Pattern;
    public JsonataNode? Update;
    public JsonataNode? Delete;

    public List<JsonataSortTerm>? Terms;

    public bool KeepArray;
    public bool KeepSingletonArray;
    public bool ConsArray;
    public bool Tuple;
    public bool Thunk;

    /// <summary>The variable bound to each item by <c>@$name</c>.</summary>
    public string? Focus;

    /// <summary>The variable bound to each position by <c>#$name</c>.</summary>
    public string? Index;

    /// <summary>On a name or wildcard step: the slot through which a later <c>%</c> reads this step's context.</summary>
    public JsonataAncestorSlot? Ancestor;

    /// <summary>On a parent node: the slot it reads.</summary>
    public JsonataAncestorSlot? Slot;

    /// <summary>Parent slots not yet resolved within this node.</summary>
    public List<JsonataAncestorSlot>? SeekingParent;

    /// <summary>A regular expression literal's pattern and flags (<c>i</c>, <c>m</c>).</summary>
    public string? RegexPattern;
    public string? RegexFlags;

    /// <summary>Raw parse only: the terms of <c>^( ... )</c> before they become a sort step.</summary>
    public List<JsonataSortTerm>? RawTerms;

    /// <summary>Raw parse only: the name/value pairs of a group-by <c>{ ... }</c>.</summary>
    public List<(JsonataNode Key, JsonataNode Value)>? RawGroupPairs;

    public override string ToString() => $"{Type} {Value} @{Position}";
}

/// <summary>A filter or a positional binding applied to the results of a step.</summary>
internal sealed record JsonataStage(bool IsFilter, JsonataNode? Filter, string? IndexVariable, int Position);

/// <summary>The object constructor of a group-by: <c>path{key: value}</c>.</summary>
internal sealed record JsonataGroup(List<(JsonataNode Key, JsonataNode Value)> Pairs, int Position);

/// <summary>One term of an order-by clause.</summary>
internal sealed class JsonataSortTerm(bool descending, JsonataNode expression)
{
    public bool Descending = descending;
    public JsonataNode Expression = expression;
}

/// <summary>Where a parent operator <c>%</c> finds the value it names: a label bound in the tuple stream, and how many levels up.</summary>
internal sealed class JsonataAncestorSlot(string label, int level, int index)
{
    public string Label = label;
    public int Level = level;
    public int Index = index;
}
