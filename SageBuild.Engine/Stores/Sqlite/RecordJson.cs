using System.Runtime.CompilerServices;
using System.Text;
using SageBuild.StateMachines.Json;

namespace SageBuild.Engine.Stores.Sqlite;

/// <summary>
/// An execution record's input or output as UTF-8 JSON, made once per value: the redo log and SQLite both store it
/// (and the value is immutable), so the second asks for the bytes the first made.
/// </summary>
internal static class RecordJson
{
    private static readonly ConditionalWeakTable<JsonValue, byte[]> Made = [];

    public static byte[] Utf8(JsonValue value) => Made.GetValue(value, static v => Encoding.UTF8.GetBytes(v.ToJson()));
}
