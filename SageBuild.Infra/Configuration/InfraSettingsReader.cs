using System.Globalization;
using System.Text.RegularExpressions;
using SageBuild.StateMachines.Json;

namespace SageBuild.Infra.Configuration;

/// <summary>
/// Reads <see cref="InfraSettings"/> from a <see cref="StackEnvironment"/>: every key has a default, every value is
/// checked, and all problems are reported at once, each naming its key (<c>sagebuild:notificationPhones[1]: ...</c>).
/// An unknown <c>sagebuild:</c> key is an error too, so a typo never silently falls back to a default.
/// </summary>
public static partial class InfraSettingsReader
{
    /// <summary>The config keys (without the project prefix) that SageBuild.Infra knows, with what each holds.</summary>
    public static readonly IReadOnlyDictionary<string, string> Keys = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["branch"] = "the git branch this stack builds",
        ["trainingInstanceType"] = "the SageMaker training instance type",
        ["hostingInstanceType"] = "the SageMaker hosting instance type",
        ["imageBuildComputeType"] = "the CodeBuild compute type of image builds",
        ["schedule"] = "the retraining schedule (an EventBridge rate() or cron() expression)",
        ["notificationEmails"] = "e-mail addresses for build notifications (a list)",
        ["notificationPhones"] = "E.164 phone numbers for SMS build notifications (a list)",
        ["repositorySource"] = "codecommit or github",
        ["repositoryName"] = "the source repository's name",
        ["createRepository"] = "whether this stack creates the CodeCommit repository",
        ["githubOwner"] = "the GitHub user or organisation owning the repository",
        ["githubWebhookSecret"] = "the GitHub webhook secret (set with --secret; read by Pulumi, never by the compiler)",
        ["dataBucketName"] = "the shared data bucket's name",
        ["createDataBucket"] = "whether this stack creates the data bucket",
        ["dataPrefix"] = "the key prefix under which new data starts a build",
        ["logRetentionDays"] = "how long log groups keep events",
        ["artifactRetentionDays"] = "how long replaced artifact and code versions stay",
        ["checkpointRetentionDays"] = "how long training checkpoints stay",
        ["imageRetentionCount"] = "how many build images each ECR repository keeps",
        ["guardrails"] = "the deployment guardrail alarms: {serverErrorThreshold, latencyP99Milliseconds, evaluationMinutes}",
        ["alexaSkillId"] = "the Alexa skill allowed to call the Alexa function",
        ["endpointName"] = "the SageMaker endpoint's name",
        ["protect"] = "whether the shared data bucket, repository and ledger refuse deletion",
        ["pipeline"] = "deploy-time overrides of the pipeline configuration (an object)",
        ["functionsPackage"] = "the published Lambda package, relative to the project directory",
    };

    /// <summary>The settings of the stack in <paramref name="environment"/>; throws <see cref="ConfigurationException"/> listing every problem.</summary>
    public static InfraSettings Read(StackEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var reader = new Reader(environment);
        var settings = reader.Settings();
        if (reader.Errors.Count > 0)
            throw new ConfigurationException(reader.Errors);
        return settings;
    }

    private sealed class Reader(StackEnvironment environment)
    {
        private readonly string _project = environment.Project ?? InfraDefaults.Project;

        public List<string> Errors { get; } = [];

        public InfraSettings Settings()
        {
            CheckKeys();
            var stack = environment.Stack ?? InfraDefaults.DiscoveryStack;
            if (!StackPattern().IsMatch(stack))
                Errors.Add($"PULUMI_STACK: '{stack}' can't name this stack's resources: use 1 to 12 lowercase letters, digits and '-', starting with a letter");
            else if (_project.Length + stack.Length + 2 > InfraDefaults.MaxNamePrefixLength)
                Errors.Add($"PULUMI_STACK: '{stack}' makes the SageMaker name prefix '{_project}-{stack}-' longer than {InfraDefaults.MaxNamePrefixLength} characters (tuning job names are at most 32): use a stack name of at most {InfraDefaults.MaxNamePrefixLength - _project.Length - 2} characters");

            var source = Text("repositorySource", "codecommit").ToLowerInvariant() switch
            {
                "codecommit" => RepositorySource.CodeCommit,
                "github" => RepositorySource.GitHub,
                var other => Fail<RepositorySource>("repositorySource", $"'{other}' is not a repository source: use codecommit or github"),
            };
            var settings = new InfraSettings
            {
                Project = _project,
                Stack = stack,
                IsDiscovery = environment.Stack is null,
                Region = environment.Config.GetValueOrDefault("aws:region"),
                Branch = Checked("branch", InfraDefaults.Branch, IsBranchName, "is not a git branch name"),
                TrainingInstanceType = Checked("trainingInstanceType", InfraDefaults.TrainingInstanceType, InstanceTypePattern().IsMatch, "is not a SageMaker instance type such as ml.m5.large"),
                HostingInstanceType = Checked("hostingInstanceType", InfraDefaults.HostingInstanceType, InstanceTypePattern().IsMatch, "is not a SageMaker instance type such as ml.m5.large"),
                ImageBuildComputeType = Checked("imageBuildComputeType", InfraDefaults.ImageBuildComputeType, ComputeTypePattern().IsMatch, "is not a CodeBuild compute type such as BUILD_GENERAL1_SMALL"),
                Schedule = OptionalChecked("schedule", IsScheduleExpression, "is not an EventBridge schedule: use rate(1 day), rate(7 days) or cron(0 3 ? * MON *)"),
                NotificationEmails = List("notificationEmails", EmailPattern().IsMatch, "is not an e-mail address"),
                NotificationPhones = List("notificationPhones", PhonePattern().IsMatch, "is not an E.164 phone number such as +14155550100"),
                RepositorySource = source,
                RepositoryName = Checked("repositoryName", InfraDefaults.RepositoryName, RepositoryNamePattern().IsMatch, "is not a repository name: use up to 100 letters, digits, '.', '_' and '-'"),
                CreateRepository = Boolean("createRepository", true),
                GitHubOwner = OptionalChecked("githubOwner", GitHubOwnerPattern().IsMatch, "is not a GitHub user or organisation name"),
                DataBucketName = OptionalChecked("dataBucketName", BucketNamePattern().IsMatch, "is not an S3 bucket name: 3 to 63 lowercase letters, digits, '.' and '-'"),
                CreateDataBucket = Boolean("createDataBucket", true),
                DataPrefix = Checked("dataPrefix", InfraDefaults.DataPrefix, p => p.Length > 0 && !p.StartsWith('/'), "must be a key prefix such as data/, without a leading '/'"),
                LogRetentionDays = Integer("logRetentionDays", InfraDefaults.LogRetentionDays, d => InfraDefaults.LogRetentionChoices.Contains(d),
                    $"is not a CloudWatch Logs retention: use one of {string.Join(", ", InfraDefaults.LogRetentionChoices)}"),
                ArtifactRetentionDays = Integer("artifactRetentionDays", InfraDefaults.ArtifactRetentionDays, d => d >= 1, "must be at least 1"),
                CheckpointRetentionDays = Integer("checkpointRetentionDays", InfraDefaults.CheckpointRetentionDays, d => d >= 1, "must be at least 1"),
                ImageRetentionCount = Integer("imageRetentionCount", InfraDefaults.ImageRetentionCount, d => d >= 1, "must be at least 1"),
                Guardrails = Guardrails(),
                AlexaSkillId = OptionalChecked("alexaSkillId", AlexaSkillPattern().IsMatch, "is not an Alexa skill id such as amzn1.ask.skill.00000000-0000-0000-0000-000000000000"),
                EndpointName = OptionalChecked("endpointName", EndpointNamePattern().IsMatch, "is not a SageMaker endpoint name: up to 63 letters, digits and '-'"),
                Protect = Boolean("protect", true),
                PipelineOverrides = Object("pipeline"),
                FunctionsPackage = Checked("functionsPackage", InfraDefaults.FunctionsPackage, IsProjectPath, "must be a path inside the project directory, such as ./artifacts/functions"),
            };

            if (settings.RepositorySource == RepositorySource.GitHub && settings.GitHubOwner is null && !settings.IsDiscovery)
                Errors.Add($"{Key("githubOwner")}: required when {Key("repositorySource")} is github");
            return settings;
        }

        private string Key(string name) => $"{_project}:{name}";

        private string? Raw(string name) => environment.Config.TryGetValue(Key(name), out var value) ? value : null;

        private void CheckKeys()
        {
            var prefix = _project + ":";
            foreach (var key in environment.Config.Keys.Order(StringComparer.Ordinal))
            {
                if (key.StartsWith(prefix, StringComparison.Ordinal) && !InfraSettingsReader.Keys.ContainsKey(key[prefix.Length..]))
                    Errors.Add($"{key}: unknown config key; the keys are {string.Join(", ", InfraSettingsReader.Keys.Keys.Select(Key))}");
            }
        }

        private T Fail<T>(string name, string message)
        {
            Errors.Add($"{Key(name)}: {message}");
            return default!;
        }

        private string Text(string name, string fallback) => Raw(name) is { Length: > 0 } value ? value.Trim() : fallback;

        private string Checked(string name, string fallback, Func<string, bool> isValid, string problem)
        {
            var value = Text(name, fallback);
            if (!isValid(value))
                Errors.Add($"{Key(name)}: '{value}' {problem}");
            return value;
        }

        private string? OptionalChecked(string name, Func<string, bool> isValid, string problem)
        {
            var value = Raw(name)?.Trim();
            if (string.IsNullOrEmpty(value))
                return null;
            if (!isValid(value))
                Errors.Add($"{Key(name)}: '{value}' {problem}");
            return value;
        }

        private bool Boolean(string name, bool fallback) => Raw(name)?.Trim().ToLowerInvariant() switch
        {
            null or "" => fallback,
            "true" => true,
            "false" => false,
            var other => Fail<bool>(name, $"'{other}' is not true or false"),
        };

        private int Integer(string name, int fallback, Func<int, bool> isValid, string problem)
        {
            var text = Raw(name)?.Trim();
            if (string.IsNullOrEmpty(text))
                return fallback;
            if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
                return Fail<int>(name, $"'{text}' is not a whole number");
            if (!isValid(value))
                Errors.Add($"{Key(name)}: {value} {problem}");
            return value;
        }

        // A list is JSON (as Pulumi passes a YAML list) or, typed on the command line, comma-separated text.
        private string[] List(string name, Func<string, bool> isValid, string problem)
        {
            var text = Raw(name)?.Trim();
            if (string.IsNullOrEmpty(text))
                return [];
            string[] items;
            if (text.StartsWith('['))
            {
                if (!TryParse(text, out var json) || json is not JsonArray array || array.Any(i => i is not JsonString))
                    return Fail<string[]>(name, "must be a list of strings");
                items = [.. array.Cast<JsonString>().Select(s => s.Value.Trim())];
            }
            else
            {
                items = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            }

            for (var i = 0; i < items.Length; i++)
            {
                if (!isValid(items[i]))
                    Errors.Add($"{Key(name)}[{i}]: '{items[i]}' {problem}");
            }

            if (items.Distinct(StringComparer.OrdinalIgnoreCase).Count() != items.Length)
                Errors.Add($"{Key(name)}: lists a value twice");
            return items;
        }

        private JsonObject Object(string name)
        {
            var text = Raw(name)?.Trim();
            if (string.IsNullOrEmpty(text))
                return JsonObject.Empty;
            return TryParse(text, out var json) && json is JsonObject value ? value : Fail<JsonObject>(name, "must be an object") ?? JsonObject.Empty;
        }

        private GuardrailSettings Guardrails()
        {
            var values = Object("guardrails");
            var defaults = new GuardrailSettings();
            var known = new[] { "serverErrorThreshold", "latencyP99Milliseconds", "evaluationMinutes" };
            foreach (var key in values.Keys.Where(k => !known.Contains(k)))
                Errors.Add($"{Key("guardrails")}.{key}: unknown setting; the settings are {string.Join(", ", known)}");
            return new GuardrailSettings
            {
                ServerErrorThreshold = Positive(values, "serverErrorThreshold", defaults.ServerErrorThreshold),
                LatencyP99Milliseconds = Positive(values, "latencyP99Milliseconds", defaults.LatencyP99Milliseconds),
                EvaluationMinutes = Positive(values, "evaluationMinutes", defaults.EvaluationMinutes),
            };
        }

        private int Positive(JsonObject values, string key, int fallback)
        {
            if (!values.TryGetValue(key, out var value))
                return fallback;
            if (value is JsonNumber n && n.TryGetInt64(out var whole) && whole is >= 1 and <= int.MaxValue)
                return (int)whole;
            if (value is JsonString s && int.TryParse(s.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) && parsed >= 1)
                return parsed;
            Errors.Add($"{Key("guardrails")}.{key}: {value.ToJson()} is not a whole number of at least 1");
            return fallback;
        }

        private static bool TryParse(string text, out JsonValue value)
        {
            try
            {
                value = JsonValue.Parse(text);
                return true;
            }
            catch (System.Text.Json.JsonException)
            {
                value = JsonValue.Null;
                return false;
            }
        }
    }

    private static bool IsBranchName(string name) =>
        BranchPattern().IsMatch(name) && !name.Contains("..", StringComparison.Ordinal) && !name.EndsWith('/') && !name.EndsWith(".lock", StringComparison.Ordinal);

    private static bool IsScheduleExpression(string expression)
    {
        var rate = RatePattern().Match(expression);
        if (rate.Success)
        {
            var count = long.Parse(rate.Groups[1].Value, CultureInfo.InvariantCulture);
            // EventBridge wants "1 day" but "2 days": the unit's number must agree with the value.
            return count >= 1 && (count == 1) == !rate.Groups[2].Value.EndsWith('s');
        }

        var cron = CronPattern().Match(expression);
        return cron.Success && cron.Groups[1].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length == 6;
    }

    private static bool IsProjectPath(string path) =>
        !Path.IsPathRooted(path) && !path.Split('/', '\\').Contains("..");

    [GeneratedRegex("^[a-z][a-z0-9-]{0,11}$")]
    private static partial Regex StackPattern();

    [GeneratedRegex(@"^[A-Za-z0-9_][A-Za-z0-9_./-]{0,243}$")]
    private static partial Regex BranchPattern();

    [GeneratedRegex(@"^ml\.[a-z0-9]+\.[a-z0-9]+$")]
    private static partial Regex InstanceTypePattern();

    [GeneratedRegex("^BUILD_(GENERAL1_(SMALL|MEDIUM|LARGE|XLARGE|2XLARGE)|LAMBDA_(1GB|2GB|4GB|8GB|10GB))$")]
    private static partial Regex ComputeTypePattern();

    [GeneratedRegex(@"^rate\(([0-9]+) (minutes?|hours?|days?)\)$")]
    private static partial Regex RatePattern();

    [GeneratedRegex(@"^cron\(([^()]+)\)$")]
    private static partial Regex CronPattern();

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex EmailPattern();

    [GeneratedRegex(@"^\+[1-9][0-9]{6,14}$")]
    private static partial Regex PhonePattern();

    [GeneratedRegex(@"^[A-Za-z0-9._-]{1,100}$")]
    private static partial Regex RepositoryNamePattern();

    [GeneratedRegex("^[A-Za-z0-9](?:[A-Za-z0-9-]{0,37}[A-Za-z0-9])?$")]
    private static partial Regex GitHubOwnerPattern();

    [GeneratedRegex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$")]
    private static partial Regex BucketNamePattern();

    [GeneratedRegex("^amzn1\\.ask\\.skill\\.[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")]
    private static partial Regex AlexaSkillPattern();

    [GeneratedRegex("^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$")]
    private static partial Regex EndpointNamePattern();
}
