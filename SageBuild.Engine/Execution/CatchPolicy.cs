using SageBuild.Engine.Jsonata;
using SageBuild.StateMachines.Model;

namespace SageBuild.Engine.Execution;

/// <summary>A state's Catch rules, prepared.</summary>
internal sealed class CatchPolicy
{
    public static readonly CatchPolicy None = new([]);

    private readonly PreparedCatcher[] _catchers;

    private CatchPolicy(PreparedCatcher[] catchers) => _catchers = catchers;

    public static CatchPolicy From(ValueList<Catcher>? catchers, Func<string, int> indexOf, bool jsonata = false)
    {
        if (catchers is null || catchers.Count == 0)
            return None;
        var prepared = new PreparedCatcher[catchers.Count];
        for (var i = 0; i < prepared.Length; i++)
        {
            var c = catchers[i];
            prepared[i] = jsonata
                ? new PreparedCatcher(c.ErrorEquals, indexOf(c.Next), ResultPathSpec.From(null), null)
                {
                    JsonataAssign = JsonataFields.Template(c.Assign, "Assign"),
                    JsonataOutput = JsonataFields.Template(c.Output, "Output"),
                }
                : new PreparedCatcher(c.ErrorEquals, indexOf(c.Next), ResultPathSpec.From(c.ResultPath), PreparedTemplate.CompileOptional(c.Assign));
        }

        return new CatchPolicy(prepared);
    }

    /// <summary>The first rule that matches <paramref name="failure"/>, or null.</summary>
    public PreparedCatcher? Find(Failure failure)
    {
        foreach (var catcher in _catchers)
        {
            if (ErrorMatcher.Matches(catcher.ErrorEquals, failure.Error))
                return catcher;
        }

        return null;
    }
}

/// <summary>One Catch rule: where to go, and where the error output goes.</summary>
internal sealed record PreparedCatcher(IReadOnlyList<string> ErrorEquals, int NextIndex, ResultPathSpec ResultPath, PreparedTemplate? Assign)
{
    /// <summary>JSONata: the variables to assign, with <c>$states.errorOutput</c>.</summary>
    public JsonataTemplate? JsonataAssign { get; init; }

    /// <summary>JSONata: the output passed to the next state (default: the error output).</summary>
    public JsonataTemplate? JsonataOutput { get; init; }
}
