using System.Formats.Tar;
using System.IO.Compression;

namespace SageBuild.Local.Artifacts;

/// <summary>The <c>.tar.gz</c> archives SageMaker uses for <c>model.tar.gz</c>, <c>output.tar.gz</c> and source bundles.</summary>
internal static class TarGz
{
    /// <summary>Packs the contents of <paramref name="directory"/> (not the folder itself, as SageMaker does) into <paramref name="archive"/>.</summary>
    public static void Pack(string directory, string archive)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(archive))!);
        using var file = File.Create(archive);
        using var gzip = new GZipStream(file, CompressionLevel.Fastest);
        if (Directory.EnumerateFileSystemEntries(directory).Any())
        {
            TarFile.CreateFromDirectory(directory, gzip, includeBaseDirectory: false);
        }
        else
        {
            // An empty folder still makes a valid archive (two zero blocks); .NET would write nothing at all.
            gzip.Write(new byte[1024]);
        }
    }

    /// <summary>Unpacks <paramref name="archive"/> into <paramref name="directory"/>; entries that would land outside it are refused.</summary>
    public static void Unpack(string archive, string directory)
    {
        Directory.CreateDirectory(directory);
        using var file = File.OpenRead(archive);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        TarFile.ExtractToDirectory(gzip, directory, overwriteFiles: true);
    }

    /// <summary>The paths of the files in <paramref name="archive"/>, for tests and diagnostics.</summary>
    public static IReadOnlyList<string> List(string archive)
    {
        using var file = File.OpenRead(archive);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var reader = new TarReader(gzip);
        var names = new List<string>();
        while (reader.GetNextEntry() is { } entry)
        {
            if (entry.EntryType is TarEntryType.RegularFile or TarEntryType.V7RegularFile)
                names.Add(entry.Name.TrimStart('.', '/'));
        }

        return names;
    }
}
