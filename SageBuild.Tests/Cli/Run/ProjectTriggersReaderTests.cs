using SageBuild.Cli.Projects;
using SageBuild.Tests.Support;

namespace SageBuild.Tests.Cli.Run;

/// <summary>The <c>triggers</c> section of sagebuild.yaml: read into watchers' settings, every mistake named by its key.</summary>
public sealed class ProjectTriggersReaderTests
{
    private const string Head = """
        name: churn
        image: {train: python3 train.py, serve: python3 serve.py}

        """;

    [Test]
    public void A_git_branch_a_data_folder_and_schedules_are_read_with_their_settings()
    {
        using var folder = Project();
        Directory.CreateDirectory(folder.File(".git"));
        Directory.CreateDirectory(folder.File("incoming"));

        var project = ProjectFileReader.Parse(Head + """
            triggers:
              git: {branch: main, pollSeconds: 0.5}
              data: incoming
              schedule: ["rate(1 day)", "cron(0 3 ? * MON-FRI *)"]
            """, folder.Path);

        var triggers = project.Triggers;
        Assert.That(triggers.GitBranch, Is.EqualTo("main"));
        Assert.That(triggers.GitRepository, Is.EqualTo(folder.Path), "the repository defaults to the project folder");
        Assert.That(triggers.GitPollInterval, Is.EqualTo(TimeSpan.FromSeconds(0.5)));
        Assert.That(triggers.DataFolder, Is.EqualTo(folder.File("incoming")));
        Assert.That(triggers.DataDebounce, Is.EqualTo(TimeSpan.FromSeconds(2)), "the default quiet period");
        Assert.That(triggers.Schedules.Select(s => s.Text), Is.EqualTo(new[] { "rate(1 day)", "cron(0 3 ? * MON-FRI *)" }));
    }

    [Test]
    public void A_project_file_without_triggers_watches_nothing()
    {
        using var folder = Project();

        Assert.That(ProjectFileReader.Parse(Head, folder.Path).Triggers.IsEmpty, Is.True);
    }

    [Test]
    public void Every_mistake_in_triggers_is_reported_naming_its_key()
    {
        using var folder = Project();

        var error = Assert.Throws<ProjectFileException>(() => ProjectFileReader.Parse(Head + """
            triggers:
              git: {repository: ., pollSeconds: -1}
              data: {folder: no/such/folder, debounce: 3}
              schedule: ["rate(1 days)", "cron(60 * * * ? *)"]
              webhook: yes
            """, folder.Path))!;

        Assert.That(error.Errors, Has.Some.StartsWith("triggers.webhook (line 4): is not a key of triggers"));
        Assert.That(error.Errors, Has.Some.StartsWith("triggers.git.branch (line 4): is required"));
        Assert.That(error.Errors, Has.Some.Contains("triggers.git.repository (line 4):").And.Contains("is not a git repository"));
        Assert.That(error.Errors, Has.Some.StartsWith("triggers.git.pollSeconds (line 4): must be a number of seconds above 0"));
        Assert.That(error.Errors, Has.Some.StartsWith("triggers.data.debounce (line 4): is not a key of triggers.data"));
        Assert.That(error.Errors, Has.Some.StartsWith("triggers.data.folder (line 4): no folder at 'no/such/folder'"));
        Assert.That(error.Errors, Has.Some.StartsWith("triggers.schedule[0] (line 4):").And.Contains("1 days"));
        Assert.That(error.Errors, Has.Some.StartsWith("triggers.schedule[1] (line 4):").And.Contains("Minutes"));
    }

    private static TemporaryDirectory Project()
    {
        var folder = new TemporaryDirectory();
        File.WriteAllText(folder.File("buildspec.yml"), "version: 0.2\n");
        return folder;
    }
}
