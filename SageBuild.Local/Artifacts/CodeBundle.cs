namespace SageBuild.Local.Artifacts;

/// <summary>A script-mode source bundle: a <c>.tar.gz</c> (as the SageMaker SDK uploads <c>sourcedir.tar.gz</c>) or a folder.</summary>
internal static class CodeBundle
{
    /// <summary>Puts the bundle at <paramref name="uri"/> into <paramref name="directory"/>.</summary>
    public static void Unpack(ArtifactStore artifacts, string uri, string directory)
    {
        var path = artifacts.LocalPath(uri);
        if (File.Exists(path) && (path.EndsWith(".tar.gz", StringComparison.Ordinal) || path.EndsWith(".tgz", StringComparison.Ordinal)))
            TarGz.Unpack(path, directory);
        else if (artifacts.CopyTo(uri, directory) == 0)
            throw new ArgumentException($"no code found at '{uri}' (looked in {path})");
    }
}
