using SageBuild.StateMachines.Json;
using SageBuild.StateMachines.Model;

namespace SageBuild.StateMachines.Expressions;

/// <summary>One side of a filter comparison.</summary>
internal abstract record FilterOperand;

/// <summary><c>@...</c> (the node being filtered) or <c>$...</c> (the root the whole path started from).</summary>
internal sealed record FilterPathOperand(bool IsCurrentNode, ValueList<PathSegment> Segments) : FilterOperand;

/// <summary>A JSON literal: a string, number, boolean, null or array of literals.</summary>
internal sealed record FilterLiteralOperand(JsonValue Value) : FilterOperand;

/// <summary><c>/pattern/flags</c>, matched against the whole string as Java's <c>Matcher.matches</c> does.</summary>
internal sealed record FilterRegexOperand(string Pattern, string Flags) : FilterOperand;

/// <summary>The relational operators of Jayway filters.</summary>
internal enum FilterOperator
{
    Equal,
    NotEqual,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
    Matches,
    In,
    NotIn,
    SubsetOf,
    AnyOf,
    NoneOf,
    Size,
    Empty,
}
