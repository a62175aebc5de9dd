using SageBuild.Engine.Stores;
using SageBuild.Engine.Stores.Sqlite;
using SageBuild.Tests.Support;

namespace SageBuild.Tests.Engine.Stores.Sqlite;

/// <summary>
/// <see cref="SqliteTokenStore"/> on a real file: what it remembers survives closing and reopening the database, and
/// stays within its bounds (retired task tokens: a cap, oldest forgotten first; redrive clientTokens: the last 10 per
/// execution, each for 15 minutes; a task's last heartbeat: until its token retires).
/// </summary>
public sealed class DurableTokenStoreTests
{
    private const string Execution = "arn:aws:states:us-east-1:123456789012:execution:m:e";
    private static readonly DateTimeOffset Start = new(2026, 11, 26, 3, 0, 0, TimeSpan.Zero);

    [Test]
    public void Retired_TaskTokens_beyond_the_cap_are_forgotten_oldest_first_and_the_rest_survive_reopening()
    {
        using var folder = new TemporaryDirectory();
        var options = new SqliteStoreOptions { DatabasePath = folder.File("tokens.db") };
        using (var store = new SqliteTokenStore(options, maxRetiredTaskTokens: 3))
        {
            foreach (var token in (string[])["t1", "t2", "t3", "t4"])
                store.RetireTaskToken(token);
            // Retired again (a resumed run waited for it once more): it becomes the newest, so t3 goes before it.
            store.RetireTaskToken("t2");
            store.RetireTaskToken("t5");
        }

        using var reopened = new SqliteTokenStore(options, maxRetiredTaskTokens: 3);
        var remembered = new[] { "t1", "t2", "t3", "t4", "t5", "never" }.Where(reopened.IsTaskTokenRetired);
        Assert.That(remembered, Is.EqualTo(new[] { "t2", "t4", "t5" }));
    }

    [Test]
    public void Redrive_clientTokens_are_the_last_10_of_an_execution_each_for_15_minutes_and_survive_reopening()
    {
        using var folder = new TemporaryDirectory();
        var options = new SqliteStoreOptions { DatabasePath = folder.File("tokens.db") };
        using (var store = new SqliteTokenStore(options))
        {
            for (var i = 1; i <= 11; i++)
                store.RememberRedrive(Execution, $"c{i}", Start.AddSeconds(i), Start.AddSeconds(i).AddMilliseconds(7));
            store.RememberRedrive(Execution + "2", "c1", Start, Start.AddHours(1));
        }

        using var reopened = new SqliteTokenStore(options);
        var now = Start.AddMinutes(10);
        Assert.Multiple(() =>
        {
            Assert.That(reopened.FindRedrive(Execution, "c1", now), Is.Null, "the 11th clientToken pushed out the first");
            Assert.That(reopened.FindRedrive(Execution, "c2", now), Is.EqualTo(Start.AddSeconds(2).AddMilliseconds(7)), "the redrive's date, to the tick");
            Assert.That(reopened.FindRedrive(Execution, "c11", now), Is.EqualTo(Start.AddSeconds(11).AddMilliseconds(7)));
            Assert.That(reopened.FindRedrive(Execution + "2", "c1", now), Is.EqualTo(Start.AddHours(1)), "each execution has its own");
            Assert.That(reopened.FindRedrive(Execution, "c11", Start.AddSeconds(11) + TokenStoreLimits.RedriveClientTokenLifetime), Is.Not.Null, "15 minutes after first use: still");
            Assert.That(reopened.FindRedrive(Execution, "c11", Start.AddSeconds(12) + TokenStoreLimits.RedriveClientTokenLifetime), Is.Null, "then no more");
            Assert.That(reopened.FindRedrive(Execution, "unknown", now), Is.Null);
        });
    }

    [Test]
    public void A_TaskTokens_last_heartbeat_survives_reopening_and_is_forgotten_when_the_token_retires()
    {
        using var folder = new TemporaryDirectory();
        var options = new SqliteStoreOptions { DatabasePath = folder.File("tokens.db") };
        using (var store = new SqliteTokenStore(options))
        {
            store.RecordHeartbeat("waiting", Start.AddSeconds(1));
            store.RecordHeartbeat("waiting", Start.AddSeconds(2).AddTicks(3));
            store.RecordHeartbeat("answered", Start.AddSeconds(1));
            store.RetireTaskToken("answered");
        }

        using var reopened = new SqliteTokenStore(options);
        Assert.Multiple(() =>
        {
            Assert.That(reopened.FindHeartbeat("waiting"), Is.EqualTo(Start.AddSeconds(2).AddTicks(3)), "the last heartbeat, to the tick");
            Assert.That(reopened.FindHeartbeat("answered"), Is.Null, "retiring the token forgot its heartbeat");
            Assert.That(reopened.FindHeartbeat("never"), Is.Null);
        });
        reopened.RetireTaskToken("waiting");
        Assert.That(reopened.FindHeartbeat("waiting"), Is.Null);
    }

    [Test]
    public void The_in_memory_store_forgets_a_heartbeat_when_its_token_retires()
    {
        var store = new InMemoryTokenStore();
        store.RecordHeartbeat("t", Start);
        store.RecordHeartbeat("t", Start.AddSeconds(1));
        Assert.That(store.FindHeartbeat("t"), Is.EqualTo(Start.AddSeconds(1)));
        store.RetireTaskToken("t");
        Assert.That(store.FindHeartbeat("t"), Is.Null);
    }

    [Test]
    public void The_in_memory_store_keeps_the_same_redrive_clientToken_bounds()
    {
        var store = new InMemoryTokenStore();
        for (var i = 1; i <= 11; i++)
            store.RememberRedrive(Execution, $"c{i}", Start.AddSeconds(i), Start.AddSeconds(i));
        Assert.Multiple(() =>
        {
            Assert.That(store.FindRedrive(Execution, "c1", Start.AddMinutes(1)), Is.Null);
            Assert.That(store.FindRedrive(Execution, "c2", Start.AddMinutes(1)), Is.EqualTo(Start.AddSeconds(2)));
            Assert.That(store.FindRedrive(Execution, "c2", Start.AddSeconds(3) + TokenStoreLimits.RedriveClientTokenLifetime), Is.Null);
        });
    }
}
