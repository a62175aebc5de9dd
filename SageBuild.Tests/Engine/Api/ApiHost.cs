using SageBuild.Engine.Api.Authentication;
using SageBuild.Engine.Api.Server;

namespace SageBuild.Tests.Engine.Api;

/// <summary>A real <see cref="StepFunctionsServer"/> on a free loopback port, serving a fresh in-memory test double.</summary>
internal sealed class ApiHost : IAsyncDisposable
{
    public const string AccessKeyId = "AKIDSAGEBUILDTEST";
    public const string SecretAccessKey = "sagebuild-test-secret-key";

    private ApiHost(StepFunctionsServer server, InMemoryStepFunctionsService service)
    {
        Server = server;
        Service = service;
    }

    public StepFunctionsServer Server { get; }

    public InMemoryStepFunctionsService Service { get; }

    public Uri Endpoint => Server.Endpoint;

    /// <summary>The endpoint without a trailing slash, as the AWS CLIs print it back.</summary>
    public string EndpointUrl => Endpoint.ToString().TrimEnd('/');

    public static async Task<ApiHost> StartAsync(bool requireSignatures = false, TimeProvider? serverClock = null)
    {
        var service = new InMemoryStepFunctionsService();
        var server = await StepFunctionsServer.StartAsync(service, new StepFunctionsServerOptions
        {
            Port = 0,
            Api = new StepFunctionsApiOptions
            {
                Credentials = requireSignatures ? ServerCredentials.Parse($"{AccessKeyId}:{SecretAccessKey}") : ServerCredentials.None,
                TimeProvider = serverClock ?? TimeProvider.System,
            },
        });
        return new ApiHost(server, service);
    }

    public ValueTask DisposeAsync() => Server.DisposeAsync();
}
