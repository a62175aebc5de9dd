namespace SageBuild.StateMachines.Expressions;

/// <summary>An argument of an intrinsic function: a literal, a path, or another call.</summary>
public abstract record IntrinsicArgument
{
    private protected IntrinsicArgument(int position) => Position = position;

    /// <summary>The 0-based character position of the argument in the whole expression.</summary>
    public int Position { get; }
}
