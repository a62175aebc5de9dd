namespace SageBuild.StateMachines.Jsonata;

/// <summary>The kinds of node in a parsed JSONata expression, after the post-parse pass has shaped paths.</summary>
internal enum JsonataNodeType
{
    /// <summary>A location path: <see cref="JsonataNode.Steps"/> evaluated in turn over the context sequence.</summary>
    Path,

    /// <summary>A binary operator in <see cref="JsonataNode.Value"/>: arithmetic, comparison, <c>and</c>/<c>or</c>, <c>&amp;</c>, <c>..</c>, <c>in</c>.</summary>
    Binary,

    /// <summary>Unary minus, an array constructor (<c>[</c>) or an object constructor (<c>{</c>).</summary>
    Unary,

    /// <summary>A field name.</summary>
    Name,

    /// <summary>A string literal.</summary>
    String,

    /// <summary>A number literal.</summary>
    Number,

    /// <summary><c>true</c>, <c>false</c> or <c>null</c>.</summary>
    Value,

    /// <summary><c>*</c>: every value of the context object.</summary>
    Wildcard,

    /// <summary><c>**</c>: every descendant.</summary>
    Descendant,

    /// <summary><c>%</c>: the parent of the context value.</summary>
    Parent,

    /// <summary><c>a ? b : c</c> (also the elvis and coalescing operators).</summary>
    Condition,

    /// <summary><c>( a; b; c )</c>.</summary>
    Block,

    /// <summary><c>$x := value</c>.</summary>
    Bind,

    /// <summary>A regular expression literal.</summary>
    Regex,

    /// <summary>A function call.</summary>
    Function,

    /// <summary>A function call with <c>?</c> placeholders.</summary>
    Partial,

    /// <summary>A variable reference; the empty name is the context value <c>$</c>, and <c>$$</c> is the root.</summary>
    Variable,

    /// <summary>A function definition; a thunk when it wraps a call in tail position.</summary>
    Lambda,

    /// <summary><c>a ~> f</c>.</summary>
    Apply,

    /// <summary><c>| pattern | update, delete |</c>.</summary>
    Transform,

    /// <summary>The order-by step <c>^( ... )</c>.</summary>
    Sort,

    /// <summary>The placeholder <c>?</c> of a partial application.</summary>
    Placeholder,

    /// <summary>An operator token (only during parsing).</summary>
    Operator,
}
