using SageBuild.StateMachines.Json;
using SageBuild.StateMachines.Validation;

namespace SageBuild.Cli.Commands;

/// <summary>
/// One ASL file as a command meets it: read from disk, parsed, and validated. A file that cannot be read or
/// is not JSON is a problem with the command's input rather than with a definition, so it has its own outcome.
/// </summary>
internal sealed record DefinitionFile(string Path, AslReadResult? Read, IReadOnlyList<DefinitionError> Errors, string? ReadProblem)
{
    /// <summary>The code reported for a file that could not be read.</summary>
    public const string UnreadableCode = "FILE_NOT_READABLE";

    /// <summary>Whether the file could not be read or is not JSON.</summary>
    public bool IsUnusable => ReadProblem is not null || Read is { IsNotJson: true };

    /// <summary>Whether the file holds a valid definition.</summary>
    public bool IsValid => !IsUnusable && Errors.Count == 0;

    /// <summary>Reads and validates <paramref name="path"/>; never throws for a missing or unreadable file.</summary>
    public static DefinitionFile Load(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            var why = e switch
            {
                _ when Directory.Exists(path) => "it is a directory, not a file",
                FileNotFoundException or DirectoryNotFoundException => "no such file",
                UnauthorizedAccessException => "permission denied",
                _ => e.Message,
            };
            return new DefinitionFile(path, null, [new DefinitionError("", UnreadableCode, $"cannot read the file: {why}")], why);
        }

        var read = AslJson.Read(text);
        if (read.Definition is null)
            return new DefinitionFile(path, read, read.Errors, null);
        var errors = new List<DefinitionError>(read.Errors);
        errors.AddRange(DefinitionValidator.Validate(read.Definition));
        return new DefinitionFile(path, read, errors, null);
    }
}
