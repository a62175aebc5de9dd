using System.Text;
using SageBuild.Engine.Expressions;
using SageBuild.StateMachines.Json;
using SageBuild.StateMachines.Model;

namespace SageBuild.Engine.Execution;

/// <summary>
/// An InputPath or OutputPath, compiled once. The common cases need no path evaluation at all: an absent path
/// (or <c>$</c>) passes the value through, and the explicit <c>null</c> gives <c>{}</c>.
/// </summary>
internal sealed class PreparedPath
{
    public static readonly PreparedPath Identity = new(null, isNull: false);
    public static readonly PreparedPath Empty = new(null, isNull: true);

    private readonly PathExpression? _path;
    private readonly bool _isNull;

    private PreparedPath(PathExpression? path, bool isNull)
    {
        _path = path;
        _isNull = isNull;
    }

    public bool IsIdentity => _path is null && !_isNull;

    public static PreparedPath From(NullablePath? path)
    {
        if (path is null || path.Path == "$")
            return Identity;
        if (path.IsNull)
            return Empty;
        return new PreparedPath(PathExpression.Compile(path.Path!), isNull: false);
    }

    /// <summary>Selects from <paramref name="value"/>; a path that matches nothing is a States.Runtime error, as in AWS.</summary>
    public JsonValue Select(RunFrame frame, JsonValue value)
    {
        if (_path is null)
            return _isNull ? JsonObject.Empty : value;
        if (frame.TrySelect(_path, value, out var selected))
            return selected;
        throw new StatesErrorException(ErrorNames.Runtime, $"Invalid path '{_path.Text}' : No results for path: {Normalise(_path.Text)}");
    }

    /// <summary><c>$.a.b[0]</c> as Jayway's JsonPath prints it in AWS's messages: <c>$['a']['b'][0]</c>.</summary>
    internal static string Normalise(string path)
    {
        if (!path.StartsWith('$'))
            return path;
        var text = new StringBuilder("$");
        var i = 1;
        while (i < path.Length)
        {
            if (path[i] == '.')
            {
                var end = i + 1;
                while (end < path.Length && path[end] != '.' && path[end] != '[')
                    end++;
                text.Append("['").Append(path, i + 1, end - i - 1).Append("']");
                i = end;
            }
            else if (path[i] == '[')
            {
                var end = path.IndexOf(']', i);
                if (end < 0)
                    return path;
                text.Append(path, i, end - i + 1);
                i = end + 1;
            }
            else
            {
                return path;
            }
        }

        return text.ToString();
    }
}
