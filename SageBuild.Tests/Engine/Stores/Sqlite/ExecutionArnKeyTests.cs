using System.IO.Hashing;
using System.Text;
using SageBuild.Engine.Api;
using SageBuild.Engine.Stores.Sqlite;

namespace SageBuild.Tests.Engine.Stores.Sqlite;

/// <summary>ARN keys: time-ordered names keyed by their time, so that new executions go to the end of the index; every other name by its hash, as stored before.</summary>
public sealed class ExecutionArnKeyTests
{
    private const string Prefix = "arn:aws:states:us-east-1:123456789012:execution:Machine:";

    [Test]
    public void Keys_time_ordered_names_in_the_order_of_their_milliseconds()
    {
        var random = new Random(3);
        var keys = Enumerable.Range(0, 1_000).Select(i => ExecutionArnKey.Of(Prefix + TimeOrdered(1_764_000_000_000 + (i / 10), random))).ToArray();
        for (var i = 10; i < keys.Length; i++)
            Assert.That(keys[i], Is.GreaterThan(keys[i - 10]), $"key {i} follows the keys of the milliseconds before");
        Assert.That(keys.Distinct().Count(), Is.EqualTo(keys.Length), "names of one millisecond differ in their keys");
    }

    [Test]
    public void Keys_every_other_name_by_the_hash_of_its_arn()
    {
        string[] names = ["plain", "0190a5e2-7b1c-4d3e-9f00-123456789abc", "0190A5E2-7B1C-7D3E-9F00-123456789ABC", "0190a5e2-7b1c-7d3e-cf00-123456789abc", "0190a5e2-7b1c-7d3e-9f00-123456789abcd", "0190a5e2x7b1c-7d3e-9f00-123456789abc"];
        foreach (var name in names)
        {
            var arn = Prefix + name;
            Assert.That(ExecutionArnKey.Of(arn), Is.EqualTo(unchecked((long)XxHash3.HashToUInt64(Encoding.Unicode.GetBytes(arn)))), name);
        }
    }

    internal static string TimeOrdered(long millisecond, Random random)
    {
        var bytes = new byte[16];
        random.NextBytes(bytes);
        return TimeOrderedUuid.Format(millisecond, bytes);
    }
}
