using System.Diagnostics;
using SageBuild.StateMachines.Json;

namespace SageBuild.Tests.Cli;

/// <summary>Runs the built <c>sagebuild</c> executable as a real process, as a user or a CI script would.</summary>
public sealed class SagebuildProcessTests
{
    private static (int ExitCode, string Output, string Error) Sagebuild(params string[] args)
    {
        var executable = Path.Combine(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? "sagebuild.exe" : "sagebuild");
        Assert.That(File.Exists(executable), Is.True, $"the built sagebuild is missing at {executable}: build SageBuild.Cli first");
        var start = new ProcessStartInfo(executable) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        Assert.That(process.WaitForExit(TimeSpan.FromMinutes(1)), Is.True, "sagebuild did not finish");
        return (process.ExitCode, output.Result, error.Result);
    }

    [Test]
    public void Validates_the_README_example_and_exits_0()
    {
        var example = Path.GetFullPath(Path.Combine(RepositoryRoot(), "examples", "asl", "train-and-deploy.asl.json"));
        var (exitCode, output, _) = Sagebuild("validate", example, "--json");

        Assert.That(exitCode, Is.Zero, output);
        var line = (JsonObject)JsonValue.Parse(output);
        Assert.That(line["valid"], Is.EqualTo((JsonValue)true));
    }

    [Test]
    public void Exits_1_with_JSON_lines_for_an_invalid_file_and_2_for_an_unreadable_one()
    {
        using var files = new DefinitionFiles();
        var bad = files.Write("bad.asl.json", DefinitionFiles.Invalid);

        var invalid = Sagebuild("validate", bad, "--json");
        var unreadable = Sagebuild("validate", bad, Path.Combine(files.Directory, "nope.json"), "--json");

        Assert.That(invalid.ExitCode, Is.EqualTo(1));
        Assert.That(((JsonObject)JsonValue.Parse(invalid.Output))["valid"], Is.EqualTo((JsonValue)false));
        Assert.That(unreadable.ExitCode, Is.EqualTo(2));
        Assert.That(unreadable.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries), Has.Length.EqualTo(2));
    }

    [Test]
    public void Answers_a_mistyped_option_with_one_line_and_no_stack_trace()
    {
        var (exitCode, output, error) = Sagebuild("validate", "x.json", "--jsn");

        Assert.That(exitCode, Is.EqualTo(2));
        Assert.That(error, Does.Contain("Unknown option 'jsn'").And.Contain("sagebuild --help"));
        Assert.That(error + output, Does.Not.Contain("   at "), "a user's mistake shows no stack trace");
    }

    [Test]
    public void Prints_help_with_every_command_and_its_examples()
    {
        var (exitCode, output, _) = Sagebuild("--help");

        Assert.That(exitCode, Is.Zero);
        Assert.That(output, Does.Contain("validate").And.Contain("graph").And.Contain("sagebuild validate examples/asl/train-and-deploy.asl.json"));
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "SageBuild.slnx")))
                return directory.FullName;
        }

        throw new InvalidOperationException($"no SageBuild.slnx above {AppContext.BaseDirectory}");
    }
}
