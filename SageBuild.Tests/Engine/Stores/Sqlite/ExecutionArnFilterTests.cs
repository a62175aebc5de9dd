using SageBuild.Engine.Stores.Sqlite;

namespace SageBuild.Tests.Engine.Stores.Sqlite;

/// <summary>The ARN filter never forgets an ARN, and at its sizing sends few new ARNs to the database.</summary>
public sealed class ExecutionArnFilterTests
{
    [Test]
    public void Says_maybe_for_every_added_key_and_rarely_for_others_when_full()
    {
        const int Added = 2_000_000;
        var filter = new ExecutionArnFilter(Added);
        var random = new Random(5);
        var keys = new long[Added];
        for (var i = 0; i < Added; i++)
        {
            keys[i] = random.NextInt64(long.MinValue, long.MaxValue);
            filter.Add(keys[i]);
        }

        Assert.That(keys.All(filter.MayContain), Is.True, "no added key is ever ruled out");
        var falseMaybes = Enumerable.Range(0, 200_000).Count(_ => filter.MayContain(random.NextInt64(long.MinValue, long.MaxValue)));
        Assert.That(falseMaybes / 200_000.0, Is.LessThan(0.04), "ten bits per key: about 2 % of new keys need a query");
    }

    [Test]
    public void Rarely_says_maybe_for_new_time_ordered_keys_beside_many_of_the_same_moments()
    {
        // Keys of time-ordered names start with their millisecond: a hundred executions a millisecond share those bits.
        const int Added = 2_000_000;
        var filter = new ExecutionArnFilter(Added);
        var random = new Random(8);
        const string Prefix = "arn:aws:states:us-east-1:123456789012:execution:Machine:";
        for (var i = 0; i < Added; i++)
            filter.Add(ExecutionArnKey.Of(Prefix + ExecutionArnKeyTests.TimeOrdered(1_764_000_000_000 + (i / 100), random)));
        var falseMaybes = Enumerable.Range(0, 200_000).Count(i => filter.MayContain(ExecutionArnKey.Of(Prefix + ExecutionArnKeyTests.TimeOrdered(1_764_000_000_000 + (i / 10), random))));
        Assert.That(falseMaybes / 200_000.0, Is.LessThan(0.04), "as few as for random keys");
    }
}
