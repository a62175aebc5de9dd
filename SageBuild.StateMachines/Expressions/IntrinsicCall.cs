using SageBuild.StateMachines.Model;

namespace SageBuild.StateMachines.Expressions;

/// <summary>
/// A parsed intrinsic function call such as <c>States.Format('{}-{}', $.a, States.UUID())</c>. The name is one of
/// the 18 functions and the argument count fits it; argument types are checked when the call is evaluated.
/// </summary>
public sealed record IntrinsicCall : IntrinsicArgument
{
    internal IntrinsicCall(string name, ValueList<IntrinsicArgument> arguments, int position)
        : base(position)
    {
        Name = name;
        Arguments = arguments;
    }

    /// <summary>The function's name, such as <c>States.Format</c>.</summary>
    public string Name { get; }

    /// <summary>The arguments, in order.</summary>
    public ValueList<IntrinsicArgument> Arguments { get; }

    /// <summary>Parses <paramref name="text"/>; throws <see cref="ExpressionSyntaxException"/> saying what is wrong and where.</summary>
    public static IntrinsicCall Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return IntrinsicParser.Parse(text);
    }

    /// <summary>Whether <paramref name="text"/> is meant as an intrinsic function call (it starts with <c>States.</c>).</summary>
    public static bool LooksLikeCall(string text) => text is not null && text.StartsWith("States.", StringComparison.Ordinal);
}
