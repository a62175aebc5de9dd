using SageBuild.Engine.Api;
using SageBuild.Engine.Api.Authentication;
using SageBuild.Engine.Api.Server;
using SageBuild.Engine.Api.Service;

namespace SageBuild.Tests.Engine.Api;

/// <summary>A real <see cref="StepFunctionsServer"/> on a free loopback port, serving a fresh engine through the product service.</summary>
internal sealed class ApiHost : IAsyncDisposable
{
    public const string AccessKeyId = "AKIDSAGEBUILDTEST";
    public const string SecretAccessKey = "sagebuild-test-secret-key";

    private ApiHost(StepFunctionsServer server, WorkflowEngine engine, EngineStepFunctionsService service)
    {
        Server = server;
        Engine = engine;
        Service = service;
    }

    public StepFunctionsServer Server { get; }

    public WorkflowEngine Engine { get; }

    public EngineStepFunctionsService Service { get; }

    public Uri Endpoint => Server.Endpoint;

    /// <summary>The endpoint without a trailing slash, as the AWS CLIs print it back.</summary>
    public string EndpointUrl => Endpoint.ToString().TrimEnd('/');

    public static async Task<ApiHost> StartAsync(bool requireSignatures = false, TimeProvider? serverClock = null)
    {
        var engine = new EngineBuilder().Build();
        var service = new EngineStepFunctionsService(engine);
        var server = await StepFunctionsServer.StartAsync(service, new StepFunctionsServerOptions
        {
            Port = 0,
            Api = new StepFunctionsApiOptions
            {
                Credentials = requireSignatures ? ServerCredentials.Parse($"{AccessKeyId}:{SecretAccessKey}") : ServerCredentials.None,
                TimeProvider = serverClock ?? TimeProvider.System,
            },
        });
        return new ApiHost(server, engine, service);
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        await Engine.DisposeAsync();
    }
}
