using SageBuild.Engine.Api;
using SageBuild.Engine.Api.Dashboard;

namespace SageBuild.Tests.Engine.Api.Dashboard;

public sealed class DrawingCacheTests
{
    private const string Definition = """{"StartAt":"A","States":{"A":{"Type":"Pass","End":true}}}""";

    [Test]
    public void Lays_out_a_definition_once_for_all_its_executions()
    {
        var cache = new DrawingCache();
        var first = cache.GetOrAdd(Definition);
        Assert.That(cache.GetOrAdd(Definition), Is.SameAs(first));
        Assert.That(cache.GetOrAdd(Definition.Replace("\"A\"", "\"B\"", StringComparison.Ordinal)), Is.Not.SameAs(first), "another definition, another drawing");
        Assert.That(System.Text.Encoding.UTF8.GetString(first), Does.StartWith("{\"width\":"));
    }

    [Test]
    public void Says_why_a_definition_cannot_be_drawn()
    {
        var error = Assert.Throws<StepFunctionsException>(() => new DrawingCache().GetOrAdd("""{"StartAt":"A","States":{"A":{"Type":"Teleport"}}}"""))!;
        Assert.That(error.Code, Is.EqualTo("InvalidDefinition"));
        Assert.That(error.Message, Does.Contain("/States/A"));
    }
}
