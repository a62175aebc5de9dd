using Spectre.Console.Cli;

namespace SageBuild.Cli;

/// <summary>The whole command tree, declared in one place.</summary>
public static class SageBuildCommands
{
    /// <summary>Registers every command.</summary>
    public static void Configure(IConfigurator config)
    {
        ArgumentNullException.ThrowIfNull(config);
        config.SetApplicationName("sagebuild");
        config.UseStrictParsing();
        config.PropagateExceptions();
        // Commands are registered here, one line each, as they are written.
        config.AddCommand<Commands.ExecuteCommand>("execute").WithDescription("Run an ASL definition on the embedded engine.").WithExample("execute", "pipeline.asl.json", "--input", "{}", "--clock", "virtual");
    }
}
