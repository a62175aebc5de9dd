using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using SageBuild.Local.Parameters;

namespace SageBuild.Tests.Local.Parameters;

public sealed class ParameterStoreTests
{
    private string _folder = "";

    private ParameterStoreOptions Options => ParameterStoreOptions.InDirectory(_folder);

    [SetUp]
    public void CreateFolder() => _folder = Directory.CreateTempSubdirectory("sagebuild-params-").FullName;

    [TearDown]
    public void DeleteFolder()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Test]
    public void Every_put_writes_a_new_version_and_keeps_the_history()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2024-05-15T12:00:00Z", CultureInfo.InvariantCulture));
        var store = new ParameterStore(Options, time);

        store.Put("/sagebuild/dev/config", """{"epochs": 1}""", ParameterType.String, description: "first");
        time.Advance(TimeSpan.FromMinutes(5));
        store.Put("/sagebuild/dev/config", """{"epochs": 2}""", overwrite: true);
        store.Put("/sagebuild/dev/config", """{"epochs": 3}""", overwrite: true);

        var history = store.GetHistory("/sagebuild/dev/config");
        Assert.That(history.Select(v => (v.Version, v.Value)), Is.EqualTo(new[] { (1L, """{"epochs": 1}"""), (2L, """{"epochs": 2}"""), (3L, """{"epochs": 3}""") }));
        Assert.That(history[1].LastModified, Is.EqualTo(DateTimeOffset.Parse("2024-05-15T12:05:00Z", CultureInfo.InvariantCulture)));
        Assert.That(history.All(v => v.Type == ParameterType.String && v.Description == "first"), "type and description carry over when not given");
        Assert.That(store.Get("/sagebuild/dev/config").Version, Is.EqualTo(3));
        Assert.That(store.Get("/sagebuild/dev/config:2").Value, Is.EqualTo("""{"epochs": 2}"""));
    }

    [Test]
    public void A_label_selects_the_version_it_points_at_and_moves_when_relabelled()
    {
        var store = new ParameterStore(Options);
        store.Put("/app/model", "v1", ParameterType.String);
        store.Put("/app/model", "v2", overwrite: true);

        store.LabelVersion("/app/model", 1, "prod");
        Assert.That(store.Get("/app/model:prod").Value, Is.EqualTo("v1"));
        store.LabelVersion("/app/model", 2, "prod");

        Assert.That(store.Get("/app/model:prod").Value, Is.EqualTo("v2"));
        Assert.That(store.GetHistory("/app/model").Select(v => v.Labels.Count), Is.EqualTo(new[] { 0, 1 }));
    }

    [TestCase("/sagebuild/none", "ParameterNotFound", "Parameter /sagebuild/none not found.")]
    [TestCase("/sagebuild/p:9", "ParameterVersionNotFound", "could not find version 9 of /sagebuild/p")]
    [TestCase("/sagebuild/p:nolabel", "ParameterVersionNotFound", "could not find version nolabel of /sagebuild/p")]
    [TestCase("no spaces allowed", "ValidationException", "Parameter name 'no spaces allowed' may contain only letters, digits")]
    [TestCase("/aws/reserved", "ValidationException", "can't begin with 'aws' or 'ssm'")]
    [TestCase("a/b", "ValidationException", "must begin with '/' when it has levels")]
    public void Reading_what_is_not_there_fails_with_SSMs_error_code(string name, string code, string message)
    {
        var store = new ParameterStore(Options);
        store.Put("/sagebuild/p", "x", ParameterType.String);

        var error = Assert.Throws<ParameterStoreException>(() => store.Get(name));

        Assert.That(error!.ErrorCode, Is.EqualTo(code));
        Assert.That(error.Message, Does.Contain(message));
    }

    [Test]
    public void A_put_without_overwrite_on_an_existing_name_fails_and_writes_nothing()
    {
        var store = new ParameterStore(Options);
        store.Put("/p", "one", ParameterType.String);

        var error = Assert.Throws<ParameterStoreException>(() => store.Put("/p", "two", ParameterType.String));

        Assert.That(error!.ErrorCode, Is.EqualTo(ParameterStoreException.ParameterAlreadyExists));
        Assert.That(store.GetHistory("/p"), Has.Count.EqualTo(1));
    }

    [Test]
    public void A_SecureString_is_redacted_when_printed()
    {
        var store = new ParameterStore(Options);
        var version = store.Put("/sagebuild/dev/webhook-secret", "hunter2", ParameterType.SecureString);

        Assert.That(version.ToString(), Does.Not.Contain("hunter2").And.Contain(ParameterVersion.Redacted));
        Assert.That(store.Get("/sagebuild/dev/webhook-secret").DisplayValue(), Is.EqualTo(ParameterVersion.Redacted));
        Assert.That(store.Get("/sagebuild/dev/webhook-secret").DisplayValue(withDecryption: true), Is.EqualTo("hunter2"));
    }

    [Test]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void The_store_file_is_readable_by_its_owner_only() =>
        Assert.That(File.GetUnixFileMode(new ParameterStore(Options).Options.DatabasePath), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));

    [Test]
    public void Concurrent_puts_from_two_stores_on_one_file_get_distinct_consecutive_versions()
    {
        var stores = new[] { new ParameterStore(Options), new ParameterStore(Options) };
        stores[0].Put("/race", "start", ParameterType.String);
        var written = new ConcurrentBag<long>();

        Parallel.For(0, 100, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
            written.Add(stores[i % 2].Put("/race", $"value {i}", overwrite: true).Version));

        Assert.That(written.Order(), Is.EqualTo(Enumerable.Range(2, 100).Select(v => (long)v)));
        var history = stores[1].GetHistory("/race");
        Assert.That(history.Select(v => v.Value).Skip(1).Order(), Is.EquivalentTo(Enumerable.Range(0, 100).Select(i => $"value {i}")));
    }

    [Test]
    public async Task A_writer_process_killed_mid_run_leaves_every_committed_version_intact_and_readable_by_another_process()
    {
        var store = new ParameterStore(Options);
        store.Put("/crash/p", "v0", ParameterType.String);
        // A second process writes v1, v2, ... one CLI call each, until it is killed with SIGKILL at an arbitrary moment.
        var writer = Process.Start(new ProcessStartInfo("/bin/bash")
        {
            ArgumentList = { "-c", $"i=1; while true; do '{Sagebuild}' params set /crash/p v$i --data-dir '{_folder}' > /dev/null || exit 1; i=$((i+1)); done" },
            UseShellExecute = false,
        })!;
        try
        {
            var deadline = Stopwatch.StartNew();
            while (store.GetHistory("/crash/p").Count < 4 && deadline.Elapsed < TimeSpan.FromSeconds(60) && !writer.HasExited)
                await Task.Delay(50);
            Assert.That(writer.HasExited, Is.False, "the writer process stopped by itself");
        }
        finally
        {
            writer.Kill(entireProcessTree: true);
            await writer.WaitForExitAsync();
        }

        var history = new ParameterStore(Options).GetHistory("/crash/p");
        Assert.That(history.Count, Is.GreaterThanOrEqualTo(4));
        Assert.That(history.Select(v => v.Value), Is.EqualTo(history.Select(v => $"v{v.Version - 1}")), "every version holds exactly what was written, with no gap");
        using (var connection = new SqliteConnection($"Data Source={Options.DatabasePath}"))
        {
            connection.Open();
            using var check = connection.CreateCommand();
            check.CommandText = "PRAGMA integrity_check";
            Assert.That(check.ExecuteScalar(), Is.EqualTo("ok"));
        }

        var next = store.Put("/crash/p", "after the crash", overwrite: true);
        Assert.That(next.Version, Is.EqualTo(history[^1].Version + 1));
        var read = await RunAsync("params", "get", "/crash/p", "--data-dir", _folder);
        Assert.That(read, Is.EqualTo("after the crash\n"), "another process reads the committed version");
    }

    internal static string Sagebuild => Path.Combine(TestContext.CurrentContext.TestDirectory, "sagebuild");

    internal static async Task<string> RunAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo(Sagebuild) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.That(process.ExitCode, Is.Zero, $"sagebuild {string.Join(' ', arguments)} failed: {output}{error}");
        return output;
    }
}
