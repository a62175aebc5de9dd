namespace SageBuild.StateMachines.Expressions;

/// <summary>The boolean expression of a <c>[?(...)]</c> filter, as Jayway parses it.</summary>
internal abstract record FilterExpression;

/// <summary><c>left || right</c>.</summary>
internal sealed record FilterOr(FilterExpression Left, FilterExpression Right) : FilterExpression;

/// <summary><c>left &amp;&amp; right</c>.</summary>
internal sealed record FilterAnd(FilterExpression Left, FilterExpression Right) : FilterExpression;

/// <summary><c>!operand</c>.</summary>
internal sealed record FilterNot(FilterExpression Operand) : FilterExpression;

/// <summary><c>left op right</c>.</summary>
internal sealed record FilterComparison(FilterOperand Left, FilterOperator Operator, FilterOperand Right) : FilterExpression;

/// <summary>A lone path, such as <c>@.isbn</c>: true when the path finds a value (null included).</summary>
internal sealed record FilterExists(FilterPathOperand Path) : FilterExpression;
