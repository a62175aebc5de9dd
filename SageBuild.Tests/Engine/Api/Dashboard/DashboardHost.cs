using SageBuild.Engine.Api;
using SageBuild.Engine.Api.Authentication;
using SageBuild.Engine.Api.Dashboard;
using SageBuild.Engine.Api.Model;
using SageBuild.Engine.Api.Server;
using SageBuild.Engine.Api.Service;
using SageBuild.Engine.Stores;

namespace SageBuild.Tests.Engine.Api.Dashboard;

/// <summary>
/// A real <see cref="StepFunctionsServer"/> (Kestrel on a free loopback port) with its dashboard, serving a real engine
/// through the product service, with the engine's own change feed, whose <c>sqs:sendMessage.waitForTaskToken</c> tasks wait for the test (<see cref="Tokens"/>).
/// </summary>
internal sealed class DashboardHost : IAsyncDisposable
{
    public const string AccessKeyId = "AKIDSAGEBUILDTEST";
    public const string SecretAccessKey = "sagebuild-test-secret-key";

    private readonly WorkflowEngine _engine;

    private DashboardHost(WorkflowEngine engine, EngineStepFunctionsService service, StepFunctionsServer server, TaskTokens tokens)
    {
        _engine = engine;
        Service = service;
        Server = server;
        Tokens = tokens;
    }

    public StepFunctionsServer Server { get; }

    public EngineStepFunctionsService Service { get; }

    public TaskTokens Tokens { get; }

    public Uri Endpoint => Server.Endpoint;

    public static async Task<DashboardHost> StartAsync(bool requireSignatures = false, DashboardOptions? dashboard = null)
    {
        var tokens = new TaskTokens();
        // The engine reports its own changes through the store, as `sagebuild serve` wires it: no polling.
        var store = new NotifyingExecutionStore(new InMemoryExecutionStore());
        var engine = new EngineBuilder().AddIntegration(tokens).UseStore(store).Build();
        var service = new EngineStepFunctionsService(engine);
        dashboard ??= new DashboardOptions { PollInterval = TimeSpan.FromMilliseconds(200) };
        var server = await StepFunctionsServer.StartAsync(service, new StepFunctionsServerOptions
        {
            Port = 0,
            Api = new StepFunctionsApiOptions
            {
                Credentials = requireSignatures ? ServerCredentials.Parse($"{AccessKeyId}:{SecretAccessKey}") : ServerCredentials.None,
            },
            Dashboard = dashboard.Changes is null ? dashboard with { Changes = store } : dashboard,
        });
        return new DashboardHost(engine, service, server, tokens);
    }

    public async Task<string> CreateStateMachineAsync(string name, string definition) =>
        (await Service.CreateStateMachineAsync(new CreateStateMachineInput { Name = name, Definition = definition, RoleArn = "arn:aws:iam::123456789012:role/dashboard" })).StateMachineArn;

    public async Task<string> StartExecutionAsync(string stateMachineArn, string input = "{}", string? name = null) =>
        (await Service.StartExecutionAsync(new StartExecutionInput { StateMachineArn = stateMachineArn, Input = input, Name = name })).ExecutionArn;

    public async Task<DescribeExecutionOutput> WaitForEndAsync(string executionArn)
    {
        await _engine.WaitForExecutionAsync(executionArn).WaitAsync(TimeSpan.FromSeconds(30));
        return await Service.DescribeExecutionAsync(new DescribeExecutionInput { ExecutionArn = executionArn });
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        await _engine.DisposeAsync();
    }
}
