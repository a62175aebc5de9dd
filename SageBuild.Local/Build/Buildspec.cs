namespace SageBuild.Local.Build;

/// <summary>A parsed buildspec (CodeBuild's version 0.2 format, plus the local <c>image</c> section).</summary>
internal sealed record Buildspec(
    IReadOnlyDictionary<string, string> Variables,
    IReadOnlyList<string> ExportedVariables,
    string Shell,
    IReadOnlyList<BuildspecPhase> Phases,
    BuildspecArtifacts? Artifacts,
    BuildspecImage? Image);

/// <summary>One phase: its commands, its <c>finally</c> commands, and whether a failure lets the build go on.</summary>
internal sealed record BuildspecPhase(string PhaseType, IReadOnlyList<string> Commands, IReadOnlyList<string> Finally, bool ContinueOnFailure);

/// <summary>The <c>artifacts</c> section: which files the build produces.</summary>
internal sealed record BuildspecArtifacts(IReadOnlyList<string> Files, string? BaseDirectory, bool DiscardPaths);

/// <summary>The local <c>image</c> section: the "container image" the build produces, as commands.</summary>
internal sealed record BuildspecImage(string? Entrypoint, string? Train, string? Serve, string? WorkingDirectory, IReadOnlyDictionary<string, string> Environment);
