using SageBuild.Engine.Expressions;
using SageBuild.StateMachines.Json;
using SageBuild.StateMachines.Model;

namespace SageBuild.Engine.Execution;

/// <summary>A ResultPath, prepared: the two common forms (absent or <c>$</c>; <c>null</c>) need no path evaluation.</summary>
internal sealed class ResultPathSpec
{
    public static readonly ResultPathSpec ReplaceInput = new(null, Mode.Replace);

    private readonly NullablePath? _path;
    private readonly Mode _mode;

    private ResultPathSpec(NullablePath? path, Mode mode)
    {
        _path = path;
        _mode = mode;
    }

    private enum Mode
    {
        Replace,
        Discard,
        Merge,
    }

    public static ResultPathSpec From(NullablePath? path) => path switch
    {
        null => ReplaceInput,
        { IsNull: true } => new ResultPathSpec(path, Mode.Discard),
        { Path: "$" } => ReplaceInput,
        _ => new ResultPathSpec(path, Mode.Merge),
    };

    /// <summary>Places <paramref name="result"/> in the state's raw <paramref name="input"/>.</summary>
    public JsonValue Apply(JsonValue input, JsonValue result) => _mode switch
    {
        Mode.Replace => result,
        Mode.Discard => input,
        _ => ResultPathWriter.Apply(input, _path, result),
    };
}
