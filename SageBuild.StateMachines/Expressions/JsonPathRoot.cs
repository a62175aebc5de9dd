namespace SageBuild.StateMachines.Expressions;

/// <summary>What a JSONPath starts from.</summary>
public enum JsonPathRoot
{
    /// <summary><c>$</c>: the state's input (or, in a ResultSelector, the raw result).</summary>
    Input,

    /// <summary><c>$$</c>: the context object.</summary>
    Context,

    /// <summary><c>$name</c>: a workflow variable.</summary>
    Variable,
}
