using System.Text;
using SageBuild.StateMachines.Json;

namespace SageBuild.Engine.Stores.Sqlite;

/// <summary>
/// An execution record's input or output as the UTF-8 JSON the store keeps. Callers keep what it makes with the write
/// (<see cref="StoreWrite.InputJson"/>, <see cref="ExecutionOutcome.OutputJson"/>): the redo log and SQLite both store
/// it. (A table keyed weakly by value cost more: its handles made every garbage collection slower.)
/// </summary>
internal static class RecordJson
{
    public static byte[] Utf8(JsonValue value) => Encoding.UTF8.GetBytes(value.ToJson());
}
