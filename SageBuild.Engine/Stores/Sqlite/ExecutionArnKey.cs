using System.IO.Hashing;
using System.Runtime.InteropServices;

namespace SageBuild.Engine.Stores.Sqlite;

/// <summary>
/// The 64-bit key an execution's ARN is found by (<c>executions.arn_key</c>, indexed): XxHash3 of the ARN's UTF-16
/// code units. An index of these integers is a tenth of one of the ARNs themselves (about 130 characters each), so a
/// distributed Map's thousands of children, whose names are random, no longer dirty a page of a large string index
/// each. Two ARNs may share a key: lookups compare the ARN too, and the store (not SQLite) keeps ARNs unique.
/// </summary>
internal static class ExecutionArnKey
{
    public static long Of(string executionArn) => unchecked((long)XxHash3.HashToUInt64(MemoryMarshal.AsBytes(executionArn.AsSpan())));
}
