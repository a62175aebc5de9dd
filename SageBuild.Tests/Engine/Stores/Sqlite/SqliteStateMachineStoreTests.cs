using SageBuild.Engine.Stores;
using SageBuild.Engine.Stores.Sqlite;
using SageBuild.Tests.Support;

namespace SageBuild.Tests.Engine.Stores.Sqlite;

public sealed class SqliteStateMachineStoreTests
{
    [Test]
    public void Keeps_created_replaced_and_deleted_machines_across_a_reopen()
    {
        using var folder = new TemporaryDirectory();
        var options = new SqliteStoreOptions { DatabasePath = folder.File("sagebuild.db") };
        var created = new DateTimeOffset(2026, 11, 26, 0, 0, 0, TimeSpan.Zero);
        var a = new StateMachineRecord("arn:aws:states:us-east-1:123456789012:stateMachine:A", "A", "{\"v\":1}", "arn:aws:iam::123456789012:role/R", "STANDARD", created);
        var b = a with { StateMachineArn = "arn:aws:states:us-east-1:123456789012:stateMachine:B", Name = "B", Type = "EXPRESS" };
        var store = new SqliteStateMachineStore(options);
        store.Save(a);
        store.Save(b);
        store.Save(a with { Definition = "{\"v\":2}" });
        Assert.That(store.Delete(b.StateMachineArn), Is.True);
        Assert.That(store.Delete(b.StateMachineArn), Is.False);

        var reopened = new SqliteStateMachineStore(options);
        Assert.That(reopened.LoadAll(), Is.EqualTo(new[] { a with { Definition = "{\"v\":2}" } }));
    }
}
