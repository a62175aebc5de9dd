using SageBuild.Cli;
using Spectre.Console.Cli;
using Spectre.Console.Cli.Testing;

namespace SageBuild.Tests.Cli;

public sealed class GraphCommandTests
{
    private const string Flow = """
        {"StartAt":"Check","States":{
          "Check":{"Type":"Choice","Choices":[{"Variable":"$.ok","BooleanEquals":true,"Next":"Done"}],"Default":"Stop"},
          "Done":{"Type":"Succeed"},
          "Stop":{"Type":"Fail","Error":"NotOk"}}}
        """;

    private static CommandAppResult Run(params string[] args)
    {
        var app = new CommandAppTester();
        app.Configure(SageBuildCommands.Configure);
        return app.Run(args);
    }

    [Test]
    public void Prints_a_Mermaid_flowchart_by_default()
    {
        using var files = new DefinitionFiles();
        var result = Run("graph", files.Write("flow.asl.json", Flow));

        Assert.That(result.ExitCode, Is.Zero);
        Assert.That(result.Output, Does.StartWith("flowchart TD"));
        Assert.That(result.Output, Does.Contain("n0 -->|\"$.ok BooleanEquals true\"| n1").And.Contain("n0 -->|\"otherwise\"| n2"));
    }

    [Test]
    public void Prints_DOT_when_asked()
    {
        using var files = new DefinitionFiles();
        var result = Run("graph", files.Write("flow.asl.json", Flow), "--format", "dot");

        Assert.That(result.ExitCode, Is.Zero);
        Assert.That(result.Output, Does.StartWith("digraph StateMachine {").And.Contain("n0 [label=\"Check\\n(Choice)\", shape=diamond];"));
    }

    [Test]
    public void Refuses_an_unknown_format_naming_the_choices() =>
        Assert.That(() => Run("graph", "flow.asl.json", "--format", "svg"),
            Throws.InstanceOf<CommandAppException>().With.Message.Contains("mermaid or dot"));

    [Test]
    public void Exits_2_for_a_file_that_is_not_JSON()
    {
        using var files = new DefinitionFiles();
        Assert.That(Run("graph", files.Write("flow.asl.json", "{ not json")).ExitCode, Is.EqualTo(2));
    }

    [Test]
    public void Exits_1_for_a_document_that_is_not_an_ASL_definition()
    {
        using var files = new DefinitionFiles();
        Assert.That(Run("graph", files.Write("flow.asl.json", """{"States":{}}""")).ExitCode, Is.EqualTo(1));
    }
}
