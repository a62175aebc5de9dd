using System.ComponentModel;
using SageBuild.Local;
using SageBuild.Local.Parameters;
using Spectre.Console.Cli;

namespace SageBuild.Cli.Commands.Params;

/// <summary>What every <c>params</c> command shares: where the local parameter store lives.</summary>
public class ParamsSettings : CommandSettings
{
    [CommandOption("--data-dir <DIR>")]
    [Description("The project's local state folder, which holds parameters.db.")]
    [DefaultValue(LocalBackendsInfo.DefaultDataDirectoryName)]
    public string DataDirectory { get; init; } = LocalBackendsInfo.DefaultDataDirectoryName;

    internal ParameterStore OpenStore() => new(ParameterStoreOptions.InDirectory(DataDirectory));
}
