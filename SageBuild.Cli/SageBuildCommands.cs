using SageBuild.Cli.Commands;
using SageBuild.Cli.Commands.Params;
using SageBuild.Cli.Commands.StepFunctions;
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
        config.ValidateExamples();
        // Commands are registered here, one line each, as they are written.
        config.AddCommand<ValidateCommand>("validate")
            .WithExample("validate", "examples/asl/train-and-deploy.asl.json")
            .WithExample("validate", "pipeline.asl.json", "child.asl.json", "--json");
        config.AddCommand<GraphCommand>("graph")
            .WithExample("graph", "examples/asl/train-and-deploy.asl.json")
            .WithExample("graph", "pipeline.asl.json", "--format", "dot");
        config.AddBranch("params", p => { p.SetDescription("Read and write the local parameter store (versions kept)."); p.AddCommand<ParamsGetCommand>("get").WithExample("params", "get", "/sagebuild/dev/config"); p.AddCommand<ParamsSetCommand>("set").WithExample("params", "set", "/sagebuild/dev/config", "--file", "config.json"); p.AddCommand<ParamsEditCommand>("edit").WithExample("params", "edit", "/sagebuild/dev/config"); p.AddCommand<ParamsHistoryCommand>("history").WithExample("params", "history", "/sagebuild/dev/config", "--json"); });
        config.AddCommand<Commands.ExecuteCommand>("execute").WithDescription("Run an ASL definition on the embedded engine.").WithExample("execute", "pipeline.asl.json", "--input", "{}", "--clock", "virtual");
        config.AddCommand<Commands.Serve.ServeCommand>("serve").WithExample("serve").WithExample("serve", "--port", "8083", "--credentials", "AKIDLOCAL:local-secret", "--json").WithExample("serve", "--project", "examples/failure-predictor-python");
        config.AddCommand<Commands.Run.RunCommand>("run").WithExample("run", "examples/failure-predictor-python", "--once").WithExample("run", "examples/taxi-fare-mlnet", "--json");
        config.AddCommand<Commands.Run.RollbackCommand>("rollback").WithExample("rollback", "examples/failure-predictor-python", "--to", "1", "--once");
        config.AddCommand<BenchCommand>("bench").WithExample("bench").WithExample("bench", "--workload", "a,c", "--scale", "0.1", "--json");
        config.AddBranch("executions", e =>
        {
            e.SetDescription("Executions on a SageBuild server (--endpoint) or on AWS Step Functions (--region/--profile).");
            e.AddCommand<ExecutionsListCommand>("list").WithExample("executions", "list", "arn:aws:states:us-east-1:123456789012:stateMachine:pipeline", "--endpoint", "http://127.0.0.1:8083");
            e.AddCommand<ExecutionsDescribeCommand>("describe");
            e.AddCommand<ExecutionsHistoryCommand>("history");
            e.AddCommand<ExecutionsStartCommand>("start").WithExample("executions", "start", "arn:aws:states:us-east-1:123456789012:stateMachine:pipeline", "--input", "@input.json");
            e.AddCommand<ExecutionsStopCommand>("stop");
        });
        config.AddBranch("pipeline", p => { p.SetDescription("The SageBuild pipeline: its definition and its configuration's schema."); p.AddCommand<Commands.Pipeline.PipelineShowCommand>("show").WithExample("pipeline", "show", "--format", "mermaid"); p.AddCommand<Commands.Pipeline.PipelineSchemaCommand>("schema"); });
        config.AddBranch("functions", f => { f.SetDescription("The pipeline's Lambda handlers, run locally."); f.AddCommand<Commands.Functions.FunctionsListCommand>("list"); f.AddCommand<Commands.Functions.FunctionsInvokeCommand>("invoke").WithExample("functions", "invoke", "quality-gate", "--payload", "@event.json"); });
        config.AddBranch("state-machines", m =>
        {
            m.SetDescription("State machines on a SageBuild server (--endpoint) or on AWS Step Functions (--region/--profile).");
            m.AddCommand<StateMachinesListCommand>("list");
            m.AddCommand<StateMachinesDeployCommand>("deploy").WithExample("state-machines", "deploy", "pipeline.asl.json", "--role-arn", "arn:aws:iam::123456789012:role/pipeline");
        });
    }
}
