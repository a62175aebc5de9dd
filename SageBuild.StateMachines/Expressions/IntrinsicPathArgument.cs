namespace SageBuild.StateMachines.Expressions;

/// <summary>A path argument: <c>$.x</c>, <c>$$.Execution.Id</c> or <c>$name</c>.</summary>
public sealed record IntrinsicPathArgument : IntrinsicArgument
{
    internal IntrinsicPathArgument(JsonPath path, int position)
        : base(position) => Path = path;

    /// <summary>The path.</summary>
    public JsonPath Path { get; }
}
