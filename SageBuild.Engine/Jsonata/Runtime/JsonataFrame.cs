namespace SageBuild.Engine.Jsonata.Runtime;

/// <summary>
/// A scope of variable bindings. Frames are small (a lambda's parameters, a block's assignments), so names are
/// kept in arrays and searched linearly; the root frame falls back to the caller's bindings and the built-in functions.
/// </summary>
internal sealed class JsonataFrame(JsonataFrame? parent, Func<string, object?>? fallback = null)
{
    private readonly JsonataFrame? _parent = parent;
    private readonly Func<string, object?>? _fallback = fallback;
    private string[]? _names;
    private object?[]? _values;
    private int _count;

    public void Bind(string name, object? value)
    {
        for (var i = 0; i < _count; i++)
        {
            if (string.Equals(_names![i], name, StringComparison.Ordinal))
            {
                _values![i] = value;
                return;
            }
        }

        if (_names is null)
        {
            _names = new string[4];
            _values = new object?[4];
        }
        else if (_count == _names.Length)
        {
            Array.Resize(ref _names, _count * 2);
            Array.Resize(ref _values, _count * 2);
        }

        _names[_count] = name;
        _values![_count] = value;
        _count++;
    }

    public object? Lookup(string name)
    {
        for (var frame = this; frame is not null; frame = frame._parent)
        {
            for (var i = 0; i < frame._count; i++)
            {
                if (string.Equals(frame._names![i], name, StringComparison.Ordinal))
                    return frame._values![i];
            }

            if (frame._fallback is not null)
                return frame._fallback(name);
        }

        return null;
    }
}
