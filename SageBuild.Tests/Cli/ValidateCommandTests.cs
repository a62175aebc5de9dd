using SageBuild.Cli;
using SageBuild.StateMachines.Json;
using Spectre.Console.Cli.Testing;

namespace SageBuild.Tests.Cli;

public sealed class ValidateCommandTests
{
    private static CommandAppResult Run(params string[] args)
    {
        var app = new CommandAppTester();
        app.Configure(SageBuildCommands.Configure);
        return app.Run(args);
    }

    [Test]
    public void Confirms_each_valid_file_and_exits_0()
    {
        using var files = new DefinitionFiles();
        var result = Run("validate", files.Write("one.asl.json", DefinitionFiles.Valid), files.Write("two.asl.json", DefinitionFiles.Valid));

        Assert.That(result.ExitCode, Is.Zero);
        Assert.That(result.Output, Does.Contain("one.asl.json is valid").And.Contain("two.asl.json is valid").And.Contain("2 files: 2 valid, 0 not"));
    }

    [Test]
    public void Prints_one_JSON_line_per_file_and_exits_1_when_any_is_invalid()
    {
        using var files = new DefinitionFiles();
        var good = files.Write("good.asl.json", DefinitionFiles.Valid);
        var bad = files.Write("bad.asl.json", DefinitionFiles.Invalid);

        var result = Run("validate", good, bad, "--json");

        Assert.That(result.ExitCode, Is.EqualTo(1));
        var lines = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => (JsonObject)JsonValue.Parse(l)).ToArray();
        Assert.That(lines, Has.Length.EqualTo(2));
        Assert.That(lines[0].ToJson(), Is.EqualTo($$"""{"file":{{JsonValue.FromString(good).ToJson()}},"valid":true,"errors":[]}"""));
        Assert.That(lines[1]["valid"], Is.EqualTo((JsonValue)false));
        var errors = ((JsonArray)lines[1]["errors"]).Cast<JsonObject>().Select(e => $"{((JsonString)e["path"]).Value} {((JsonString)e["code"]).Value}");
        Assert.That(errors, Is.EquivalentTo(new[]
        {
            "/States/A/Next MISSING_TRANSITION_TARGET",
            "/States/X MISSING_TRANSITION_TARGET",
            "/States/Y MISSING_TRANSITION_TARGET",
        }));
        Assert.That(((JsonArray)lines[1]["errors"]).Cast<JsonObject>().All(e => ((JsonString)e["message"]).Value.Length > 20), "every error explains itself");
    }

    [Test]
    public void Lists_each_problem_with_its_pointer_for_a_person()
    {
        using var files = new DefinitionFiles();
        var result = Run("validate", files.Write("bad.asl.json", DefinitionFiles.Invalid));

        Assert.That(result.ExitCode, Is.EqualTo(1));
        Assert.That(result.Output, Does.Contain("bad.asl.json has 3 problems"));
        Assert.That(result.Output, Does.Contain("/States/A/Next").And.Contain("\"Nowhere\" names no state"));
        Assert.That(result.Output, Does.Contain("/States/X").And.Contain("(MISSING_TRANSITION_TARGET)"));
    }

    [Test]
    public void Exits_2_when_a_file_is_missing_or_is_not_JSON_and_still_reports_every_file()
    {
        using var files = new DefinitionFiles();
        var notJson = files.Write("notes.txt", "this is not JSON");
        var missing = Path.Combine(files.Directory, "missing.asl.json");
        var bad = files.Write("bad.asl.json", DefinitionFiles.Invalid);

        var result = Run("validate", notJson, missing, bad, "--json");

        Assert.That(result.ExitCode, Is.EqualTo(2));
        var codes = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => (JsonObject)JsonValue.Parse(l))
            .Select(o => ((JsonString)((JsonObject)((JsonArray)o["errors"])[0])["code"]).Value)
            .ToArray();
        Assert.That(codes, Is.EqualTo(new[] { "INVALID_JSON_DESCRIPTION", "FILE_NOT_READABLE", "MISSING_TRANSITION_TARGET" }));
    }

    [Test]
    public void Keeps_a_long_JSON_line_whole_however_narrow_the_console()
    {
        using var files = new DefinitionFiles();
        var name = new string('s', 70);
        var bad = files.Write("long.asl.json", "{\"StartAt\":\"" + name + "\",\"States\":{\"" + name + "\":{\"Type\":\"Pass\",\"Next\":\"" + name + "x\"}}}");

        var result = Run("validate", bad, "--json");

        Assert.That(result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries), Has.Length.EqualTo(1));
        Assert.That(() => JsonValue.Parse(result.Output), Throws.Nothing);
    }

    [Test]
    public void Says_so_when_a_file_is_a_directory()
    {
        using var files = new DefinitionFiles();
        var result = Run("validate", files.Directory);

        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(result.Output, Does.Contain("is a directory"));
    }

    [Test]
    public void Refuses_to_run_without_a_file() =>
        Assert.That(() => Run("validate"), Throws.InstanceOf<Spectre.Console.Cli.CommandAppException>().With.Message.Contains("FILE"));
}
