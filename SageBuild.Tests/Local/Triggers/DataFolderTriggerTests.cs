using System.Diagnostics;
using Microsoft.Extensions.Time.Testing;
using SageBuild.Local.Triggers;

namespace SageBuild.Tests.Local.Triggers;

public sealed class DataFolderTriggerTests
{
    private static readonly TimeSpan Debounce = TimeSpan.FromSeconds(5);
    private string _folder = "";

    [SetUp]
    public void CreateFolder()
    {
        _folder = Directory.CreateTempSubdirectory("sagebuild-data-").FullName;
        File.WriteAllText(Path.Combine(_folder, "existing.csv"), "a,b\n");
    }

    [TearDown]
    public void DeleteFolder() => Directory.Delete(_folder, recursive: true);

    [Test]
    public async Task A_burst_of_new_files_asks_for_one_build_once_the_folder_is_quiet()
    {
        var time = new FakeTimeProvider();
        var asked = new List<BuildTrigger>();
        using var trigger = new DataFolderTrigger(new DataFolderTriggerOptions { FolderPath = _folder, Debounce = Debounce }, asked.Add, time);
        trigger.Start();

        Directory.CreateDirectory(Path.Combine(_folder, "2024"));
        for (var i = 0; i < 5; i++)
            File.WriteAllText(Path.Combine(_folder, "2024", $"part-{i}.csv"), $"{i},{i}\n");
        File.WriteAllText(Path.Combine(_folder, ".part-5.csv.download"), "half");
        await WaitForChangesAsync(trigger);

        time.Advance(Debounce - TimeSpan.FromSeconds(1));
        Assert.That(asked, Is.Empty, "the folder has not been quiet long enough");
        time.Advance(TimeSpan.FromSeconds(1));

        Assert.That(asked, Has.Count.EqualTo(1));
        Assert.That(asked[0].Source, Is.EqualTo(TriggerSource.DataFolder));
        Assert.That(asked[0].Files, Is.EqualTo(Enumerable.Range(0, 5).Select(i => Path.Combine("2024", $"part-{i}.csv"))), "new files only: not the old one, not the hidden download");
    }

    [Test]
    public async Task A_changed_file_asks_for_another_build_and_a_quiet_period_without_changes_asks_for_none()
    {
        var time = new FakeTimeProvider();
        var asked = new List<BuildTrigger>();
        using var trigger = new DataFolderTrigger(new DataFolderTriggerOptions { FolderPath = _folder, Debounce = Debounce }, asked.Add, time);
        trigger.Start();

        File.AppendAllText(Path.Combine(_folder, "existing.csv"), "c,d\n");
        await WaitForChangesAsync(trigger);
        time.Advance(Debounce);
        time.Advance(Debounce * 3);

        Assert.That(asked.Select(t => t.Files), Is.EqualTo(new[] { new[] { "existing.csv" } }));
        Assert.That(trigger.CheckNow(), Is.False, "nothing changed since");
    }

    private static async Task WaitForChangesAsync(DataFolderTrigger trigger)
    {
        // The file system reports changes asynchronously (inotify), and may merge them or miss those in a folder
        // created a moment earlier: wait until the watcher has seen something and then nothing more for a while.
        // The scan at the end of the quiet period is what finds every file.
        var clock = Stopwatch.StartNew();
        var seen = -1;
        while ((trigger.ObservedChanges == 0 || trigger.ObservedChanges != seen) && clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            seen = trigger.ObservedChanges;
            await Task.Delay(300);
        }

        Assert.That(trigger.ObservedChanges, Is.Positive, "the file system watcher reported no changes");
    }
}
