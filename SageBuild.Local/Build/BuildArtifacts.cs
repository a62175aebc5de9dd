namespace SageBuild.Local.Build;

/// <summary>Collects the files a buildspec's <c>artifacts</c> section names.</summary>
internal static class BuildArtifacts
{
    /// <summary>Copies the matching files under <paramref name="baseDirectory"/> to <paramref name="target"/>; returns how many.</summary>
    public static int Collect(string baseDirectory, BuildspecArtifacts artifacts, string target)
    {
        if (!Directory.Exists(baseDirectory))
            return 0;
        var patterns = artifacts.Files.Select(pattern =>
        {
            // A plain folder name means everything in it, as CodeBuild treats it.
            var trimmed = pattern.TrimEnd('/');
            return Directory.Exists(Path.Combine(baseDirectory, trimmed)) && trimmed.IndexOfAny(['*', '?']) < 0
                ? Glob.Compile(trimmed + "/**/*")
                : Glob.Compile(pattern);
        }).ToList();
        var count = 0;
        foreach (var file in Directory.EnumerateFiles(baseDirectory, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(baseDirectory, file).Replace('\\', '/');
            if (!patterns.Any(p => p.IsMatch(relative)))
                continue;
            var destination = Path.Combine(target, artifacts.DiscardPaths ? Path.GetFileName(file) : relative);
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination, overwrite: true);
            count++;
        }

        return count;
    }
}
