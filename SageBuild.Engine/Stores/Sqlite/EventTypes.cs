using System.Collections.Frozen;
using SageBuild.Engine.History;

namespace SageBuild.Engine.Stores.Sqlite;

/// <summary>Event types as stored: by name, so that a reordered enum never changes what a stored event means.</summary>
internal static class EventTypes
{
    private static readonly string[] Names = Enum.GetNames<HistoryEventType>();
    private static readonly FrozenDictionary<string, HistoryEventType> Types = Enum.GetValues<HistoryEventType>().ToFrozenDictionary(t => t.ToString(), StringComparer.Ordinal);

    public static string Name(HistoryEventType type) => Names[(int)type];

    public static HistoryEventType Parse(string name) =>
        Types.TryGetValue(name, out var type) ? type : throw new FormatException($"the store holds an event of an unknown type '{name}'");
}
