using System.Globalization;
using SageBuild.Cli.Projects;
using SageBuild.Local.Triggers;
using SageBuild.StateMachines.Json;

namespace SageBuild.Cli.Commands.Serve;

/// <summary>
/// Prints what <c>sagebuild serve --project</c> watches and every build it starts, queues and ends: one line each, text
/// for people or one JSON object (with an <c>event</c> key) for scripts. Triggers fire on their own threads, so lines are
/// written whole, under a lock.
/// </summary>
internal sealed class ServeReporter(TextWriter output, bool json)
{
    private readonly Lock _gate = new();

    public void Project(JsonObject project)
    {
        if (json)
        {
            Write(project.ToJson());
            return;
        }

        var name = Text(project, "project");
        var lines = new List<string> { $"Project {name}: pipeline {Text(project, "stateMachineArn")}" };
        lines.Add(project["endpoint"] is JsonString endpoint
            ? $"  endpoint:  {endpoint.Value} ({Text(project, "endpointStatus")}, build {project["serving"].ToJson()})"
            : "  endpoint:  none yet (the first deployed build creates it)");
        if (project["git"] is JsonObject git)
            lines.Add($"  watching:  branch {Text(git, "branch")} of {Text(git, "repository")} (a build per new commit)");
        if (project["dataFolder"] is JsonString folder)
            lines.Add($"  watching:  data folder {folder.Value} (new files start a build)");
        foreach (var schedule in ((JsonArray)project["schedules"]).OfType<JsonString>())
            lines.Add($"  schedule:  {schedule.Value}");
        if (lines.Count == 2)
            lines.Add("  no triggers: add a triggers section to its sagebuild.yaml to start builds");
        Write(string.Join(Environment.NewLine, lines));
    }

    public void Queued(string project, BuildTrigger trigger) =>
        Write(json
            ? Event("build-queued", project, trigger).Build().ToJson()
            : $"{project}: queued {Describe(trigger)} until the running build ends");

    public void BuildStarted(string project, BuildTrigger trigger, string executionArn) =>
        Write(json
            ? Event("build-started", project, trigger).Set("executionArn", executionArn).Build().ToJson()
            : $"{project}: build started by {Describe(trigger)}: {executionArn}");

    public void BuildEnded(string project, RunOutcome outcome)
    {
        if (json)
        {
            Write(JsonObject.Create([("event", "build-ended"), ("project", project), .. outcome.ToJson().Select(p => (p.Key, p.Value))]).ToJson());
            return;
        }

        var build = outcome.Build?.ToString(CultureInfo.InvariantCulture) ?? "?";
        Write($"{project}: build {build} {outcome.Status} in {outcome.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s"
            + ((outcome.Failure ?? outcome.Summary) is { } why ? $": {why}" : "")
            + (outcome.Endpoint is { } url ? $"; serving build {outcome.Serving?.ToString(CultureInfo.InvariantCulture) ?? "?"} at {url}" : ""));
    }

    public void BuildError(string project, BuildTrigger trigger, Exception error) =>
        Write(json
            ? Event("build-error", project, trigger).Set("error", error.Message).Build().ToJson()
            : $"{project}: the build for {Describe(trigger)} could not run: {error.Message}");

    private static JsonObjectBuilder Event(string name, string project, BuildTrigger trigger) => new JsonObjectBuilder()
        .Set("event", name)
        .Set("project", project)
        .Set("source", trigger.Source.ToString())
        .Set("commit", trigger.CommitId is null ? JsonValue.Null : trigger.CommitId)
        .Set("files", JsonArray.Create(trigger.Files.Select(f => (JsonValue)JsonString.From(f))))
        .Set("coalesced", JsonNumber.From(trigger.CoalescedCount));

    private static string Describe(BuildTrigger trigger)
    {
        var what = trigger.Source switch
        {
            TriggerSource.GitCommit => $"commit {trigger.CommitId}",
            TriggerSource.DataFolder => $"new data ({string.Join(", ", trigger.Files.Take(3))}{(trigger.Files.Count > 3 ? ", ..." : "")})",
            TriggerSource.Schedule => $"schedule {trigger.Detail}",
            _ => "a request",
        };
        return trigger.CoalescedCount > 1 ? $"{what} ({trigger.CoalescedCount.ToString(CultureInfo.InvariantCulture)} requests coalesced)" : what;
    }

    private static string? Text(JsonObject o, string key) => o.TryGetValue(key, out var v) && v is JsonString s ? s.Value : null;

    private void Write(string line)
    {
        lock (_gate)
        {
            output.WriteLine(line);
            output.Flush();
        }
    }
}
