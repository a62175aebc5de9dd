using System.IO.Hashing;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace SageBuild.Engine.Stores.Sqlite;

/// <summary>
/// The key a definition's text is stored under, once, in <c>definitions</c>: executions refer to it instead of each
/// holding the text (the pipeline's is tens of kilobytes, and a distributed Map's every child runs it). XxHash128 of
/// the text, remembered per string instance, since every execution of a machine shares its machine's text.
/// </summary>
internal static class DefinitionHashes
{
    private static readonly ConditionalWeakTable<string, string> Known = [];

    public static string Of(string definition) =>
        Known.GetValue(definition, static text => Convert.ToHexStringLower(XxHash128.Hash(MemoryMarshal.AsBytes(text.AsSpan()))));
}
