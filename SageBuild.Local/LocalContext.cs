using SageBuild.Local.Artifacts;
using SageBuild.Local.Images;
using SageBuild.Local.Jobs;
using SageBuild.Local.Shapes;

namespace SageBuild.Local;

/// <summary>What every local backend shares, copied once from the validated <see cref="LocalBackendsOptions"/>.</summary>
internal sealed record LocalContext(
    LocalBackendsOptions Options,
    string DataDirectory,
    ArtifactStore Artifacts,
    ImageRegistry Images,
    ObserverHub Observers,
    ArnFormat Arns)
{
    public TimeProvider Time => Options.TimeProvider;

    public DateTimeOffset Now => Options.TimeProvider.GetUtcNow();

    public string PathUnder(params string[] parts) => Path.Combine([DataDirectory, .. parts]);
}
