using SageBuild.Cli;
using Spectre.Console.Cli;

var app = new CommandApp();
app.Configure(SageBuildCommands.Configure);
return await app.RunAsync(args);
