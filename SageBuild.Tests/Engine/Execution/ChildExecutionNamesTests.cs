using SageBuild.Engine.Execution;

namespace SageBuild.Tests.Engine.Execution;

/// <summary>
/// A distributed Map's child names are derived, not drawn: a resumed run must name each item's child as the first run
/// did, and no two children (of one Map Run, of two Map Runs, of two executions) may share a name.
/// </summary>
public sealed class ChildExecutionNamesTests
{
    private static readonly RunSettings Settings = new(false, null, "arn:aws:iam::123456789012:role/r", "Machine", "us-east-1", "123456789012", null);
    private const string Parent = "arn:aws:states:us-east-1:123456789012:execution:Machine:run-1";

    [Test]
    public void Names_an_item_alike_every_time()
    {
        var first = new ChildExecutionNames(Settings, "Each", Parent, 5);
        var again = new ChildExecutionNames(Settings, "Each", Parent, 5);
        Assert.That(Enumerable.Range(0, 100).Select(again.NameOf), Is.EqualTo(Enumerable.Range(0, 100).Select(first.NameOf)));
        Assert.That(Enumerable.Range(0, 100).Select(again.SeedOf), Is.EqualTo(Enumerable.Range(0, 100).Select(first.SeedOf)));
        Assert.That(first.ExecutionArnPrefix, Is.EqualTo("arn:aws:states:us-east-1:123456789012:execution:Machine/Each:"));
    }

    [TestCase(Parent, 5, 0, Parent, 5, 1, TestName = "Another item of the same Map Run")]
    [TestCase(Parent, 5, 0, Parent, 9, 0, TestName = "The same item of another Map Run (a retry, a redrive)")]
    [TestCase(Parent, 5, 0, "arn:aws:states:us-east-1:123456789012:execution:Machine:run-2", 5, 0, TestName = "The same item of another execution")]
    public void Gives_different_children_different_names(string parentA, long mapRunA, int indexA, string parentB, long mapRunB, int indexB)
    {
        var a = new ChildExecutionNames(Settings, "Each", parentA, mapRunA);
        var b = new ChildExecutionNames(Settings, "Each", parentB, mapRunB);
        Assert.That(b.NameOf(indexB), Is.Not.EqualTo(a.NameOf(indexA)));
    }

    [Test]
    public void Names_ten_thousand_items_apart_as_version_4_UUIDs()
    {
        var names = new ChildExecutionNames(Settings, "Each", Parent, 3);
        var all = Enumerable.Range(0, 10_000).Select(names.NameOf).ToList();
        Assert.That(all.Distinct().Count(), Is.EqualTo(all.Count));
        Assert.That(all, Has.All.Match(@"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$"));
    }

    [Test]
    public void Gives_back_the_index_of_its_own_names_only()
    {
        var names = new ChildExecutionNames(Settings, "Each", Parent, 3);
        var other = new ChildExecutionNames(Settings, "Each", Parent, 4);
        Assert.That(new[] { 0, 1, 63, 19_999 }.Select(i => names.IndexOf(names.NameOf(i))), Is.EqualTo(new[] { 0, 1, 63, 19_999 }));
        Assert.That(names.IndexOf(other.NameOf(1)), Is.EqualTo(-1), "a name of another Map Run");
        Assert.That(names.IndexOf("not-a-child"), Is.EqualTo(-1));
    }
}
