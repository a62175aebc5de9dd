using SageBuild.Engine.Stores;

namespace SageBuild.Tests.Engine.Stores;

/// <summary>A child's name says its Map Run and item, and no other UUID is taken for a child's name.</summary>
public sealed class ChildExecutionAddressTests
{
    [Test]
    public void Gives_back_the_run_and_item_a_name_was_made_for()
    {
        var random = new Random(11);
        var tags = new HashSet<ulong>();
        for (var run = 0; run < 50; run++)
        {
            var key = (ulong)random.NextInt64() ^ ((ulong)random.Next() << 40);
            ulong? tagOfRun = null;
            foreach (var index in new[] { 0, 1, 63, 64, 19_999, random.Next(), int.MaxValue })
            {
                Assert.That(ChildExecutionAddress.TryParse(ChildExecutionAddress.Name(key, index), out var tag, out var parsed), Is.True);
                Assert.That(parsed, Is.EqualTo(index));
                Assert.That(tag, Is.EqualTo(tagOfRun ??= tag), "every child of a run has its run's tag");
            }

            tags.Add(tagOfRun!.Value);
        }

        Assert.That(tags, Has.Count.EqualTo(50), "runs get tags of their own");
    }

    [Test]
    public void Takes_no_other_uuid_for_a_childs_name()
    {
        var name = ChildExecutionAddress.Name(0x0123_4567_89AB_CDEF, 42);
        var changed = (name[^1] == '0' ? name[..^1] + "1" : name[..^1] + "0");
        Assert.That(ChildExecutionAddress.TryParse(changed, out _, out _), Is.False, "one digit changed");
        Assert.That(ChildExecutionAddress.TryParse(name.ToUpperInvariant(), out _, out _), Is.False, "upper case");
        Assert.That(ChildExecutionAddress.TryParse("my-execution", out _, out _), Is.False);
        var taken = Enumerable.Range(0, 10_000).Count(_ => ChildExecutionAddress.TryParse(Guid.NewGuid().ToString(), out ulong _, out int _));
        Assert.That(taken, Is.Zero, "random UUIDs (the odds are one in four billion each)");
    }
}
