using System.Globalization;
using SageBuild.Local.Scheduling;
using SageBuild.StateMachines.Json;
using YamlDotNet.RepresentationModel;

namespace SageBuild.Cli.Projects;

/// <summary>The <c>triggers</c> section.</summary>
public static partial class ProjectFileReader
{
    private static readonly string[] TriggerKeys = ["git", "data", "schedule"];
    private static readonly string[] GitKeys = ["branch", "repository", "pollSeconds"];
    private static readonly string[] DataTriggerKeys = ["folder", "debounceSeconds"];

    private static ProjectTriggers ReadTriggers(JsonObject document, YamlMappingNode root, string directory, Action<string, YamlNode?, string> error)
    {
        if (!document.TryGetValue("triggers", out var value) || value.IsNull)
            return ProjectTriggers.None;
        var node = Node(root, "triggers");
        if (value is not JsonObject triggers)
        {
            error("triggers", node, "must be a mapping with git, data and/or schedule");
            return ProjectTriggers.None;
        }

        foreach (var key in triggers.Keys.Where(k => !TriggerKeys.Contains(k)))
            error($"triggers.{key}", node, $"is not a key of triggers (use {string.Join(", ", TriggerKeys)})");
        var result = ProjectTriggers.None;

        if (triggers.TryGetValue("git", out var gitValue) && !gitValue.IsNull)
        {
            if (gitValue is not JsonObject git)
            {
                error("triggers.git", node, "must be a mapping such as 'branch: main' (and optionally repository, pollSeconds)");
            }
            else
            {
                foreach (var key in git.Keys.Where(k => !GitKeys.Contains(k)))
                    error($"triggers.git.{key}", node, $"is not a key of triggers.git (use {string.Join(", ", GitKeys)})");
                var branch = Text(git, "branch");
                if (branch is null)
                    error("triggers.git.branch", node, "is required: the branch whose new commits start builds, such as main");
                else if (branch.StartsWith('-') || branch.Any(char.IsWhiteSpace))
                    error("triggers.git.branch", node, $"'{branch}' is not a branch name");
                var repository = Path.GetFullPath(Path.Combine(directory, Text(git, "repository") ?? "."));
                if (!Directory.Exists(repository))
                    error("triggers.git.repository", node, $"no folder at '{repository}'");
                else if (!Directory.Exists(Path.Combine(repository, ".git")) && !File.Exists(Path.Combine(repository, ".git")))
                    error("triggers.git.repository", node, $"'{repository}' is not a git repository (no .git): run 'git init' there, or name the repository");
                result = result with { GitBranch = branch, GitRepository = repository, GitPollInterval = Seconds(git, "pollSeconds", "triggers.git.pollSeconds", result.GitPollInterval, node, error) };
            }
        }

        if (triggers.TryGetValue("data", out var dataValue) && !dataValue.IsNull)
        {
            // 'data: data/train' is the short form of 'data: {folder: data/train}'.
            var data = dataValue is JsonString s ? JsonObject.Create(("folder", s.Value)) : dataValue as JsonObject;
            if (data is null)
            {
                error("triggers.data", node, "must be a folder, or a mapping with folder and debounceSeconds");
            }
            else
            {
                foreach (var key in data.Keys.Where(k => !DataTriggerKeys.Contains(k)))
                    error($"triggers.data.{key}", node, $"is not a key of triggers.data (use {string.Join(", ", DataTriggerKeys)})");
                var folder = Text(data, "folder");
                if (folder is null)
                    error("triggers.data.folder", node, "is required: the folder whose new files start a build, relative to the project");
                else if (!Directory.Exists(Path.Combine(directory, folder)))
                    error("triggers.data.folder", node, $"no folder at '{folder}' in {directory}");
                else
                    result = result with { DataFolder = Path.GetFullPath(Path.Combine(directory, folder)) };
                result = result with { DataDebounce = Seconds(data, "debounceSeconds", "triggers.data.debounceSeconds", result.DataDebounce, node, error) };
            }
        }

        if (triggers.TryGetValue("schedule", out var scheduleValue) && !scheduleValue.IsNull)
        {
            var items = scheduleValue as JsonArray ?? JsonArray.Create([scheduleValue]);
            var schedules = new List<ScheduleExpression>();
            for (var i = 0; i < items.Count; i++)
            {
                var key = scheduleValue is JsonArray ? $"triggers.schedule[{i.ToString(CultureInfo.InvariantCulture)}]" : "triggers.schedule";
                if (items[i] is not JsonString { Value: var text })
                    error(key, node, "must be an EventBridge schedule expression, such as 'rate(1 day)' or 'cron(0 3 * * ? *)'");
                else if (!ScheduleExpression.TryParse(text, out var expression, out var message))
                    error(key, node, message!);
                else
                    schedules.Add(expression!);
            }

            result = result with { Schedules = schedules };
        }

        return result;
    }

    private static TimeSpan Seconds(JsonObject o, string key, string fullKey, TimeSpan fallback, YamlNode? node, Action<string, YamlNode?, string> error)
    {
        if (!o.TryGetValue(key, out var value) || value.IsNull)
            return fallback;
        if (value is JsonNumber n && n.Value is > 0 and <= 86400)
            return TimeSpan.FromSeconds(n.Value);
        error(fullKey, node, $"must be a number of seconds above 0 and at most 86400, not {value.ToJson()}");
        return fallback;
    }
}
