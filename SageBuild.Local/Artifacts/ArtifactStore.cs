using System.Text.RegularExpressions;

namespace SageBuild.Local.Artifacts;

/// <summary>
/// The local stand-in for S3: object <c>s3://bucket/key</c> is the file <c>{Root}/bucket/key</c>, so artifacts can be
/// looked at with ordinary tools. Wherever an S3 URI is accepted, <c>file://</c> URIs and plain paths work too.
/// </summary>
/// <remarks>
/// A prefix behaves as in S3: <c>s3://b/data/train</c> names every object whose key starts with <c>data/train</c>.
/// Keys are checked so that no URI reaches outside <see cref="Root"/> (no <c>..</c> segments).
/// </remarks>
public sealed partial class ArtifactStore
{
    /// <summary>A store rooted at <paramref name="root"/>, created when missing.</summary>
    public ArtifactStore(string root)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        Root = Path.GetFullPath(root);
        Directory.CreateDirectory(Root);
    }

    /// <summary>The directory holding one folder per bucket.</summary>
    public string Root { get; }

    /// <summary>Whether <paramref name="uri"/> is an <c>s3://</c> URI.</summary>
    public static bool IsS3(string uri) => uri.StartsWith("s3://", StringComparison.Ordinal);

    /// <summary>The <c>s3://</c> URI of <paramref name="key"/> in <paramref name="bucket"/>.</summary>
    public static string S3Uri(string bucket, string key) => $"s3://{bucket}/{key.TrimStart('/')}";

    /// <summary>Joins a prefix URI and more key segments with single slashes: <c>Combine("s3://b/out/", "job", "model.tar.gz")</c>.</summary>
    public static string Combine(string prefixUri, params string[] segments)
    {
        ArgumentNullException.ThrowIfNull(segments);
        var result = prefixUri.TrimEnd('/');
        foreach (var segment in segments)
            result += "/" + segment.Trim('/');
        return result;
    }

    /// <summary>
    /// The local path for <paramref name="uri"/>: an <c>s3://</c> URI maps under <see cref="Root"/>, a <c>file://</c>
    /// URI to its path, and anything else is taken as a path (relative to the current directory).
    /// Throws <see cref="ArgumentException"/> naming the URI when it is malformed.
    /// </summary>
    public string LocalPath(string uri)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(uri);
        if (uri.StartsWith("file://", StringComparison.Ordinal))
            return Path.GetFullPath(Uri.UnescapeDataString(uri["file://".Length..]));
        if (!IsS3(uri))
        {
            return uri.Contains("://", StringComparison.Ordinal)
                ? throw new ArgumentException($"'{uri}' is not an s3:// or file:// URI or a path", nameof(uri))
                : Path.GetFullPath(uri);
        }

        var rest = uri["s3://".Length..];
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        var bucket = slash < 0 ? rest : rest[..slash];
        var key = slash < 0 ? "" : rest[(slash + 1)..];
        if (!BucketName().IsMatch(bucket))
            throw new ArgumentException($"'{uri}' has an invalid bucket name '{bucket}' (3 to 63 lower-case letters, digits, dots and hyphens)", nameof(uri));
        if (key.Split('/').Any(segment => segment is "." or ".."))
            throw new ArgumentException($"'{uri}' has a '.' or '..' segment in its key, which the local store refuses", nameof(uri));
        var path = Path.GetFullPath(Path.Combine(Root, bucket, key));
        return key.EndsWith('/') ? path + Path.DirectorySeparatorChar : path;
    }

    /// <summary>Whether an object (or, for a prefix, at least one object) exists at <paramref name="uri"/>.</summary>
    public bool Exists(string uri) => List(uri).Any();

    /// <summary>Copies a local file to <paramref name="uri"/>, replacing what was there.</summary>
    public void Put(string uri, string sourceFile)
    {
        var target = LocalPath(uri);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var temporary = target + ".partial";
        File.Copy(sourceFile, temporary, overwrite: true);
        File.Move(temporary, target, overwrite: true); // readers never see half an object
    }

    /// <summary>Writes the object at <paramref name="uri"/> with <paramref name="write"/>, which gets a path to create; readers never see half an object.</summary>
    public void Write(string uri, Action<string> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        var target = LocalPath(uri);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var temporary = target + ".partial";
        write(temporary);
        File.Move(temporary, target, overwrite: true);
    }

    /// <summary>
    /// The objects under <paramref name="uri"/>, each with its key relative to the prefix: one object when the URI
    /// names a file, every file below it when it names a folder, else every file whose key starts with the prefix.
    /// </summary>
    public IEnumerable<(string Path, string RelativeKey)> List(string uri)
    {
        var path = LocalPath(uri);
        if (File.Exists(path))
            return [(path, System.IO.Path.GetFileName(path))];
        if (Directory.Exists(path))
            return Files(path, path);
        var parent = System.IO.Path.GetDirectoryName(path);
        if (parent is null || !Directory.Exists(parent))
            return [];
        var prefix = path;
        return Files(parent, parent).Where(f => f.Path.StartsWith(prefix, StringComparison.Ordinal));
    }

    /// <summary>
    /// Copies the objects under <paramref name="uri"/> into <paramref name="directory"/>, keeping their relative keys;
    /// returns how many were copied.
    /// </summary>
    public int CopyTo(string uri, string directory)
    {
        var count = 0;
        foreach (var (source, relative) in List(uri))
        {
            var target = System.IO.Path.Combine(directory, relative);
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(target)!);
            File.Copy(source, target, overwrite: true);
            count++;
        }

        return count;
    }

    /// <summary>Deletes the object or folder at <paramref name="uri"/>; nothing happens when it is absent.</summary>
    public void Delete(string uri)
    {
        var path = LocalPath(uri);
        if (File.Exists(path))
            File.Delete(path);
        else if (Directory.Exists(path))
            Directory.Delete(path, recursive: true);
    }

    private static IEnumerable<(string Path, string RelativeKey)> Files(string directory, string relativeTo) =>
        Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories)
            .Where(f => !f.EndsWith(".partial", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(f => (f, System.IO.Path.GetRelativePath(relativeTo, f).Replace('\\', '/')));

    [GeneratedRegex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$")]
    private static partial Regex BucketName();
}
