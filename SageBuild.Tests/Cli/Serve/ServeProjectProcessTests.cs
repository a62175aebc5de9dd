using System.Net.Http.Headers;
using System.Text;
using SageBuild.StateMachines.Json;
using SageBuild.Tests.Cli.Run;
using SageBuild.Tests.Support;

namespace SageBuild.Tests.Cli.Serve;

/// <summary>
/// <c>sagebuild serve --project</c> as a user runs it: the built program as a child process on a copy of the python
/// example made a git repository with <c>git init</c>, real commits and files, real builds, training and serving, and the
/// builds checked through the served Step Functions API.
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.Children)]
public sealed class ServeProjectProcessTests
{
    private static readonly TimeSpan BuildTimeout = TimeSpan.FromSeconds(90);

    // Short watch intervals keep the tests fast; the defaults (2 s) are for people.
    private const string Triggers = """

        triggers:
          git:
            branch: main
            pollSeconds: 0.3
          data:
            folder: incoming
            debounceSeconds: 0.5
        """;

    [Test]
    public async Task A_commit_on_the_watched_branch_starts_exactly_one_build_of_that_commit()
    {
        using var project = await WatchedProjectAsync();
        await using var serve = await ServedProjectProcess.StartAsync(project.Directory);

        var commit = await CommitAsync(project.Directory, "a change to the model's README");

        var started = await serve.WaitForEventAsync("build-started", BuildTimeout);
        Assert.That(Text(started, "commit"), Is.EqualTo(commit));
        var ended = await serve.WaitForEventAsync("build-ended", BuildTimeout);
        Assert.That(Text(ended, "status"), Is.EqualTo("DEPLOYED"), ended.ToJson());
        await serve.DrainAsync(TimeSpan.FromSeconds(2));
        var executions = await serve.ExecutionInputsAsync();
        Assert.That(executions, Has.Count.EqualTo(1), "one build per commit, and none for the commits already there");
        Assert.That(Text(executions[0], "source"), Is.EqualTo("git"));
        Assert.That(Text(executions[0], "commit"), Is.EqualTo(commit));
        Assert.That(Count(serve, "build-started"), Is.EqualTo(1));
        var build = Directory.GetFiles(Path.Combine(project.Directory, ".sagebuild", "builds"), "build.json", SearchOption.AllDirectories);
        Assert.That(build, Is.Not.Empty);
        Assert.That(build.Select(File.ReadAllText), Is.All.Contain($"\"ResolvedSourceVersion\": \"{commit}\""), "every build step checked out that commit");
    }

    [Test]
    public async Task A_burst_of_three_commits_coalesces_into_the_running_build_and_one_of_the_newest_commit()
    {
        using var project = await WatchedProjectAsync();
        await using var serve = await ServedProjectProcess.StartAsync(project.Directory);

        string[] commits = [await CommitAsync(project.Directory, "one"), await CommitAsync(project.Directory, "two"), await CommitAsync(project.Directory, "three")];

        await serve.WaitForEventAsync("build-started", BuildTimeout);
        await serve.WaitForEventAsync("build-ended", BuildTimeout);
        await serve.DrainAsync(TimeSpan.FromSeconds(1.5));
        if (Count(serve, "build-started") > Count(serve, "build-ended"))
            await serve.WaitForEventAsync("build-ended", BuildTimeout);
        await serve.DrainAsync(TimeSpan.FromSeconds(1.5));

        var executions = await serve.ExecutionInputsAsync();
        Assert.That(executions, Has.Count.InRange(1, 2), "the running build and at most one pending one: " + string.Join("\n", serve.Events.Select(e => e.ToJson())));
        Assert.That(Text(executions[^1], "commit"), Is.EqualTo(commits[^1]), "the last build is of the newest commit");
        Assert.That(serve.Events.Where(e => Text(e, "event") == "build-ended").Select(e => Text(e, "status")), Is.All.EqualTo("DEPLOYED"));
    }

    [Test]
    public async Task A_new_file_in_the_data_folder_starts_a_build()
    {
        using var project = await WatchedProjectAsync();
        await using var serve = await ServedProjectProcess.StartAsync(project.Directory);

        File.Copy(Directory.GetFiles(Path.Combine(project.Directory, "data", "train"))[0], Path.Combine(project.Directory, "incoming", "more.csv"));

        var started = await serve.WaitForEventAsync("build-started", BuildTimeout);
        Assert.That(Text(started, "source"), Is.EqualTo("DataFolder"));
        Assert.That(((JsonArray)started["files"]).Select(f => ((JsonString)f).Value), Is.EqualTo(new[] { "more.csv" }));
        var ended = await serve.WaitForEventAsync("build-ended", BuildTimeout);
        Assert.That(Text(ended, "status"), Is.EqualTo("DEPLOYED"), ended.ToJson());
        var executions = await serve.ExecutionInputsAsync();
        Assert.That(executions.Select(e => Text(e, "source")), Is.EqualTo(new[] { "data-folder" }));
    }

    [Test]
    public async Task The_endpoint_an_earlier_run_deployed_answers_once_serve_starts()
    {
        using var project = new ExampleProject("failure-predictor-python");
        var run = await project.RunAsync("run", "--once", "--json");
        Assert.That(run.ExitCode, Is.Zero, run.ToString());

        await using var serve = await ServedProjectProcess.StartAsync(project.Directory);

        Assert.That(serve.Project["serving"], Is.EqualTo((JsonValue)JsonNumber.From(1)), serve.Project.ToJson());
        var endpoint = Text(serve.Project, "endpoint");
        Assert.That(endpoint, Does.Match(@"^http://127\.0\.0\.1:\d+/endpoints/failure-predictor/invocations$"));
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        using var content = new StringContent("91.5,7.8,6.1,9.0,340", Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        using var response = await http.PostAsync(new Uri(endpoint!), content);
        Assert.That(response.IsSuccessStatusCode, Is.True, await response.Content.ReadAsStringAsync());
        Assert.That(await response.Content.ReadAsStringAsync(), Does.StartWith("{\"predictions\": [0."));
        Assert.That(serve.Project["git"], Is.EqualTo(JsonValue.Null), "the example has no triggers section");
    }

    private static string? Text(JsonObject o, string key) => o.TryGetValue(key, out var v) && v is JsonString s ? s.Value : null;

    private static int Count(ServedProjectProcess serve, string name) => serve.Events.Count(e => Text(e, "event") == name);

    private static async Task<ExampleProject> WatchedProjectAsync()
    {
        var project = new ExampleProject("failure-predictor-python");
        project.Edit(yaml => yaml + Triggers);
        Directory.CreateDirectory(Path.Combine(project.Directory, "incoming"));
        File.WriteAllText(Path.Combine(project.Directory, ".gitignore"), ".sagebuild/\ndist/\n__pycache__/\n");
        await Git(project.Directory, "init", "-q", "-b", "main");
        await Git(project.Directory, "add", "-A");
        await Git(project.Directory, "commit", "-q", "-m", "the example");
        return project;
    }

    private static async Task<string> CommitAsync(string repository, string text)
    {
        await File.AppendAllTextAsync(Path.Combine(repository, "CHANGES.md"), text + "\n");
        await Git(repository, "add", "CHANGES.md");
        await Git(repository, "commit", "-q", "-m", text);
        return (await Git(repository, "rev-parse", "HEAD")).Trim();
    }

    private static async Task<string> Git(string repository, params string[] arguments)
    {
        var result = await ExternalProcess.RunAsync("git", ["-C", repository, "-c", "user.name=SageBuild Tests", "-c", "user.email=tests@sagebuild.invalid", "-c", "commit.gpgsign=false", .. arguments]);
        Assert.That(result.ExitCode, Is.Zero, $"git {string.Join(' ', arguments)} (git is required: apt-get install git): {result}");
        return result.StandardOutput;
    }
}
