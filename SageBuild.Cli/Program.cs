using SageBuild.Cli;
using Spectre.Console.Cli;

var app = new CommandApp();
app.Configure(SageBuildCommands.Configure);
return await CliRunner.RunAsync(app, args, Console.Error);
