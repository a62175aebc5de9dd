using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace SageBuild.StateMachines.Model;

/// <summary>The <c>States</c> object: state names to states, in the order they were written.</summary>
public sealed class StateMap : IReadOnlyDictionary<string, State>, IEquatable<StateMap>
{
    /// <summary>The empty map.</summary>
    public static readonly StateMap Empty = new([]);

    private readonly KeyValuePair<string, State>[] _states;
    private readonly Dictionary<string, int> _index;

    private StateMap(KeyValuePair<string, State>[] states)
    {
        _states = states;
        _index = new Dictionary<string, int>(states.Length, StringComparer.Ordinal);
        for (var i = 0; i < states.Length; i++)
        {
            if (!_index.TryAdd(states[i].Key, i))
                throw new ArgumentException($"the state name '{states[i].Key}' is used twice", nameof(states));
        }
    }

    /// <summary>A map of <paramref name="states"/>; names must be unique.</summary>
    public static StateMap Create(IEnumerable<KeyValuePair<string, State>> states) => new([.. states]);

    /// <summary>A map of <paramref name="states"/>; names must be unique.</summary>
    public static StateMap Create(params ReadOnlySpan<(string Name, State State)> states)
    {
        var pairs = new KeyValuePair<string, State>[states.Length];
        for (var i = 0; i < states.Length; i++)
            pairs[i] = new(states[i].Name, states[i].State);
        return new StateMap(pairs);
    }

    /// <inheritdoc />
    public int Count => _states.Length;

    /// <inheritdoc />
    public State this[string key] => _states[_index[key]].Value;

    /// <summary>The state at <paramref name="position"/>, in document order.</summary>
    public KeyValuePair<string, State> At(int position) => _states[position];

    /// <summary>The position of <paramref name="name"/> in document order, or -1.</summary>
    public int IndexOf(string name) => _index.TryGetValue(name, out var i) ? i : -1;

    /// <inheritdoc />
    public IEnumerable<string> Keys => _states.Select(s => s.Key);

    /// <inheritdoc />
    public IEnumerable<State> Values => _states.Select(s => s.Value);

    /// <inheritdoc />
    public bool ContainsKey(string key) => _index.ContainsKey(key);

    /// <inheritdoc />
    public bool TryGetValue(string key, [MaybeNullWhen(false)] out State value)
    {
        if (_index.TryGetValue(key, out var i))
        {
            value = _states[i].Value;
            return true;
        }

        value = null;
        return false;
    }

    /// <inheritdoc />
    public bool Equals(StateMap? other)
    {
        if (ReferenceEquals(this, other))
            return true;
        if (other is null || other._states.Length != _states.Length)
            return false;
        for (var i = 0; i < _states.Length; i++)
        {
            if (!string.Equals(_states[i].Key, other._states[i].Key, StringComparison.Ordinal) || !_states[i].Value.Equals(other._states[i].Value))
                return false;
        }

        return true;
    }

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is StateMap other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var (name, state) in _states)
        {
            hash.Add(name, StringComparer.Ordinal);
            hash.Add(state);
        }

        return hash.ToHashCode();
    }

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<string, State>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, State>>)_states).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
