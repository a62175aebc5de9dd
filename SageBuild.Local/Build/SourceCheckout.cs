using SageBuild.Local.Processes;

namespace SageBuild.Local.Build;

/// <summary>
/// Puts a build's source in its own work directory, as CodeBuild's DOWNLOAD_SOURCE phase does: the commit named by
/// <c>SourceVersion</c> exported from the git repository, or else a copy of the source folder.
/// </summary>
internal static class SourceCheckout
{
    /// <summary>Fills <paramref name="destination"/>; returns the resolved commit when a version was asked for.</summary>
    public static async Task<string?> CheckoutAsync(
        string source, string? version, string destination, IReadOnlyCollection<string> excludedNames, string dataDirectory, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(source))
            throw new BuildSourceException($"the source directory '{source}' does not exist");
        Directory.CreateDirectory(destination);
        if (version is null)
        {
            CopyTree(source, destination, excludedNames, Path.GetFullPath(dataDirectory));
            return null;
        }

        var (code, commit, error) = await CommandRunner.RunAsync("git", ["-C", source, "rev-parse", "--verify", "--quiet", version + "^{commit}"], null, cancellationToken);
        if (code != 0)
            throw new BuildSourceException($"SourceVersion '{version}' is not a commit of the git repository '{source}'{(error.Length > 0 ? ": " + error : "")}");

        // git archive exports exactly the committed tree: uncommitted changes and ignored files stay out.
        var (archiveCode, _, archiveError) = await CommandRunner.RunAsync(
            "/bin/sh", ["-c", "git -C \"$1\" archive --format=tar \"$2\" | tar -x -C \"$3\"", "sh", source, commit, destination], null, cancellationToken);
        return archiveCode == 0
            ? commit
            : throw new BuildSourceException($"could not check out commit {commit} of '{source}': {archiveError}");
    }

    private static void CopyTree(string source, string destination, IReadOnlyCollection<string> excludedNames, string dataDirectory)
    {
        foreach (var entry in new DirectoryInfo(source).EnumerateFileSystemInfos())
        {
            if (excludedNames.Contains(entry.Name) || string.Equals(entry.FullName, dataDirectory, StringComparison.Ordinal))
                continue;
            var target = Path.Combine(destination, entry.Name);
            if (entry.LinkTarget is { } link)
            {
                // Keep links as links: following one could copy a whole tree outside the project.
                if (entry is DirectoryInfo)
                    Directory.CreateSymbolicLink(target, link);
                else
                    File.CreateSymbolicLink(target, link);
            }
            else if (entry is DirectoryInfo directory)
            {
                Directory.CreateDirectory(target);
                CopyTree(directory.FullName, target, excludedNames, dataDirectory);
            }
            else
            {
                File.Copy(entry.FullName, target, overwrite: true);
            }
        }
    }
}
