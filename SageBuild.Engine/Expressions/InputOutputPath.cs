using SageBuild.StateMachines.Json;
using SageBuild.StateMachines.Model;

namespace SageBuild.Engine.Expressions;

/// <summary>
/// A compiled InputPath or OutputPath. Absent, it passes the value through; <c>null</c>, it gives <c>{}</c>; a path
/// selects from the value, and a definite path that finds nothing fails with States.Runtime in AWS's words
/// (<c>Invalid path '$.x' : No results for path: $['x']</c>).
/// </summary>
public sealed class InputOutputPath
{
    /// <summary>The absent field: the value passes through.</summary>
    public static readonly InputOutputPath PassThrough = new(null, isNull: false);

    private readonly PathExpression? _path;
    private readonly bool _isNull;

    private InputOutputPath(PathExpression? path, bool isNull)
    {
        _path = path;
        _isNull = isNull;
    }

    /// <summary>Compiles the field; throws <see cref="FormatException"/> for a path that does not parse.</summary>
    public static InputOutputPath Compile(NullablePath? path) => path switch
    {
        null => PassThrough,
        { Path: null } => new InputOutputPath(null, isNull: true),
        { Path: "$" } => PassThrough,
        { Path: { } text } => new InputOutputPath(PathExpression.Compile(text), isNull: false),
    };

    /// <summary>Applies the field to <see cref="IEvaluationScope.Input"/>, the value being filtered.</summary>
    public JsonValue Apply(IEvaluationScope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        if (_isNull)
            return JsonObject.Empty;
        return _path is null ? scope.Input : _path.Select(scope);
    }
}
