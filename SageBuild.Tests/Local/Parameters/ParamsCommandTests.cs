using Microsoft.Data.Sqlite;
using SageBuild.Cli;
using SageBuild.Local.Parameters;
using SageBuild.StateMachines.Json;
using Spectre.Console.Cli.Testing;

namespace SageBuild.Tests.Local.Parameters;

/// <summary><c>sagebuild params get|set|edit|history</c>, run in-process on the real command tree.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class ParamsCommandTests
{
    private string _folder = "";

    [SetUp]
    public void CreateFolder() => _folder = Directory.CreateTempSubdirectory("sagebuild-cli-params-").FullName;

    [TearDown]
    public void DeleteFolder()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Test]
    public void Set_then_get_prints_the_raw_value_and_history_lists_every_version_as_JSON()
    {
        Assert.That(Run("params", "set", "/sagebuild/dev/config", """{"epochs": 1}""").ExitCode, Is.Zero);
        Assert.That(Run("params", "set", "/sagebuild/dev/config", """{"epochs": 2}""").Output, Does.Contain("version 2"));

        Assert.That(Run("params", "get", "/sagebuild/dev/config").Output, Is.EqualTo("""{"epochs": 2}"""));
        Assert.That(Run("params", "get", "/sagebuild/dev/config:1").Output, Is.EqualTo("""{"epochs": 1}"""));
        var history = (JsonArray)JsonValue.Parse(Run("params", "history", "/sagebuild/dev/config", "--json").Output);
        Assert.That(history.Select(v => ((JsonObject)v)["Version"]), Is.EqualTo(new JsonValue[] { 1, 2 }));
        Assert.That(((JsonObject)history[0])["Value"], Is.EqualTo((JsonValue)"""{"epochs": 1}"""));
    }

    [Test]
    public void A_SecureString_is_hidden_in_get_and_history_unless_decryption_is_asked_for()
    {
        Run("params", "set", "/sagebuild/dev/token", "s3cr3t", "--type", "SecureString");

        Assert.That(Run("params", "get", "/sagebuild/dev/token").Output, Is.EqualTo(ParameterVersion.Redacted));
        Assert.That(Run("params", "history", "/sagebuild/dev/token").Output, Does.Not.Contain("s3cr3t").And.Contain(ParameterVersion.Redacted));
        Assert.That(Run("params", "get", "/sagebuild/dev/token", "--with-decryption").Output, Is.EqualTo("s3cr3t"));
    }

    [Test]
    public void Get_of_a_missing_parameter_fails_with_a_message_naming_it()
    {
        var result = Run("params", "get", "/sagebuild/dev/none");

        Assert.That(result.ExitCode, Is.EqualTo(1));
        Assert.That(result.Output, Does.Contain("Parameter /sagebuild/dev/none not found."));
    }

    [Test]
    public void Edit_runs_the_editor_on_the_value_and_writes_a_new_version()
    {
        Run("params", "set", "/sagebuild/dev/config", """{"epochs": 1}""");
        using var editor = new ScriptedEditor("sed -i 's/1/5/' \"$1\"");

        var result = Run("params", "edit", "/sagebuild/dev/config");

        Assert.That(result.ExitCode, Is.Zero, result.Output);
        Assert.That(result.Output, Does.Contain("version 2"));
        Assert.That(Run("params", "get", "/sagebuild/dev/config").Output, Is.EqualTo("""{"epochs": 5}"""));
    }

    [Test]
    public void Edit_that_breaks_a_JSON_value_is_refused_and_writes_nothing()
    {
        Run("params", "set", "/sagebuild/dev/config", """{"epochs": 1}""");
        using var editor = new ScriptedEditor("printf '{\"epochs\": ' > \"$1\"");

        var result = Run("params", "edit", "/sagebuild/dev/config");

        Assert.That(result.ExitCode, Is.EqualTo(1));
        Assert.That(result.Output, Does.Contain("held JSON and the edited value is not JSON"));
        Assert.That(new ParameterStore(ParameterStoreOptions.InDirectory(_folder)).GetHistory("/sagebuild/dev/config"), Has.Count.EqualTo(1));
    }

    [Test]
    public void Edit_that_changes_nothing_writes_no_version()
    {
        Run("params", "set", "/sagebuild/dev/config", "plain text");
        using var editor = new ScriptedEditor("echo >> /dev/null");   // a save without changes; many editors also add a final newline

        var result = Run("params", "edit", "/sagebuild/dev/config");

        Assert.That(result.Output, Does.Contain("no change"));
        Assert.That(new ParameterStore(ParameterStoreOptions.InDirectory(_folder)).GetHistory("/sagebuild/dev/config"), Has.Count.EqualTo(1));
    }

    private CommandAppResult Run(params string[] arguments)
    {
        var app = new CommandAppTester();
        app.Configure(SageBuildCommands.Configure);
        return app.Run([.. arguments, "--data-dir", _folder]);
    }

    /// <summary>Points $VISUAL at a real shell script for the duration of a test, as a user's editor would be.</summary>
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private sealed class ScriptedEditor : IDisposable
    {
        private readonly string _path = Path.Combine(Path.GetTempPath(), $"sagebuild-editor-{Guid.NewGuid():N}.sh");
        private readonly string? _previous = Environment.GetEnvironmentVariable("VISUAL");

        public ScriptedEditor(string body)
        {
            File.WriteAllText(_path, "#!/bin/sh\n" + body + "\n");
            File.SetUnixFileMode(_path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            Environment.SetEnvironmentVariable("VISUAL", _path);
        }

        public void Dispose()
        {
            Environment.SetEnvironmentVariable("VISUAL", _previous);
            File.Delete(_path);
        }
    }
}
