using SageBuild.Local.Shapes;
using SageBuild.StateMachines.Json;

namespace SageBuild.Local.Build;

/// <summary>A build's state, rendered as CodeBuild's <c>Build</c> (in Step Functions' PascalCase).</summary>
internal sealed class BuildRecord
{
    private readonly Lock _gate = new();
    private readonly List<BuildPhaseRecord> _phases = [];

    public required string Id { get; init; }

    public required string Arn { get; init; }

    public required string ProjectName { get; init; }

    public required long BuildNumber { get; init; }

    public required DateTimeOffset StartTime { get; init; }

    public required string LogPath { get; init; }

    public required int TimeoutInMinutes { get; init; }

    public string? SourceVersion { get; init; }

    public string? ResolvedSourceVersion { get; set; }

    public string BuildStatus { get; private set; } = "IN_PROGRESS";

    public DateTimeOffset? EndTime { get; private set; }

    public string? ArtifactsLocation { get; set; }

    /// <summary>The image the build recorded (<c>repository:tag</c>), when its buildspec declares one.</summary>
    public string? Image { get; set; }

    public IReadOnlyList<KeyValuePair<string, string>> ExportedVariables { get; set; } = [];

    public bool IsComplete => BuildStatus != "IN_PROGRESS";

    public BuildPhaseRecord StartPhase(string phaseType, DateTimeOffset now)
    {
        var phase = new BuildPhaseRecord(phaseType, now);
        lock (_gate)
            _phases.Add(phase);
        return phase;
    }

    public void EndPhase(BuildPhaseRecord phase, string status, DateTimeOffset now, (string, string)? context = null)
    {
        lock (_gate)
        {
            phase.PhaseStatus = status;
            phase.EndTime = now;
            phase.Context = context;
        }
    }

    public void Complete(string status, DateTimeOffset now)
    {
        lock (_gate)
        {
            BuildStatus = status;
            EndTime = now;
        }
    }

    /// <summary>The <c>{"Build": {...}}</c> object that <c>codebuild:startBuild</c> returns.</summary>
    public JsonObject ToJson()
    {
        const TimestampFormat format = TimestampFormat.EpochMilliseconds;
        lock (_gate)
        {
            var phases = _phases.Select(p =>
            {
                var phase = new JsonObjectBuilder().Set("PhaseType", p.PhaseType).Set("StartTime", format.Render(p.StartTime));
                if (p.PhaseStatus is { } status)
                    phase.Set("PhaseStatus", status);
                if (p.EndTime is { } end)
                {
                    phase.Set("EndTime", format.Render(end));
                    phase.Set("DurationInSeconds", (long)Math.Round((end - p.StartTime).TotalSeconds));
                }

                if (p.Context is { } context)
                    phase.Set("Contexts", JsonArray.Create(JsonObject.Create(("StatusCode", context.StatusCode), ("Message", context.Message))));
                return (JsonValue)phase.Build();
            });
            var currentPhase = IsComplete ? "COMPLETED" : _phases.Count > 0 ? _phases[^1].PhaseType : "SUBMITTED";
            var build = new JsonObjectBuilder()
                .Set("Id", Id)
                .Set("Arn", Arn)
                .Set("BuildNumber", BuildNumber)
                .Set("StartTime", format.Render(StartTime))
                .SetIfNotNull("EndTime", format.Render(EndTime))
                .Set("CurrentPhase", currentPhase)
                .Set("BuildStatus", BuildStatus)
                .SetIfNotNull("SourceVersion", SourceVersion is null ? null : JsonString.From(SourceVersion))
                .SetIfNotNull("ResolvedSourceVersion", ResolvedSourceVersion is null ? null : JsonString.From(ResolvedSourceVersion))
                .Set("ProjectName", ProjectName)
                .Set("Phases", JsonArray.Create(phases))
                .Set("Logs", JsonObject.Create(("DeepLink", new Uri(LogPath).AbsoluteUri)))
                .Set("TimeoutInMinutes", TimeoutInMinutes)
                .Set("BuildComplete", IsComplete)
                .Set("Initiator", "sagebuild-local");
            if (ArtifactsLocation is not null)
                build.Set("Artifacts", JsonObject.Create(("Location", ArtifactsLocation)));
            if (ExportedVariables.Count > 0)
            {
                build.Set("ExportedEnvironmentVariables",
                    JsonArray.Create(ExportedVariables.Select(v => (JsonValue)JsonObject.Create(("Name", v.Key), ("Value", v.Value)))));
            }

            return JsonObject.Create(("Build", build.Build()));
        }
    }
}
